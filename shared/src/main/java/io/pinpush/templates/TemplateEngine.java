package io.pinpush.templates;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pinpush's Handlebars: compiles template text and renders it against a variable tree.
 *
 * <ul>
 *   <li>Values are inserted as they are, not HTML-escaped: a push notification is not HTML, and "O'Brien" must
 *       not arrive as "O&amp;#x27;Brien". RawContent is the exception: it is JSON, so values are JSON-string
 *       escaped there (a quote in a first name must not break the payload).</li>
 *   <li>Only maps are looked into (no JavaBean getters), so a template can reach the variables and nothing else.</li>
 *   <li>Partials are the inline ones a template defines itself; nothing is loaded from files or the classpath.</li>
 * </ul>
 */
final class TemplateEngine {

    /** How inserted values are escaped. */
    enum Escaping {
        NONE, JSON;

        static Escaping forPart(String partName) {
            return "RawContent".equals(partName) ? JSON : NONE;
        }
    }

    /**
     * Pinpoint documents time zones unquoted ({@code tz=America/Los_Angeles}); Handlebars would read that as a
     * variable path and find nothing. A zone id can never be a variable name, so it is quoted before parsing.
     */
    private static final Pattern MUSTACHE = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern UNQUOTED_ZONE = Pattern.compile("\\btz=([A-Za-z][A-Za-z0-9_+\\-]*(?:/[A-Za-z0-9_+\\-]+)+)");

    private final Handlebars plain;
    private final Handlebars json;

    TemplateEngine(Clock clock) {
        this.plain = newHandlebars(EscapingStrategy.NOOP, clock);
        this.json = newHandlebars(value -> new String(JsonStringEncoder.getInstance().quoteAsString(value.toString())), clock);
    }

    private static Handlebars newHandlebars(EscapingStrategy escaping, Clock clock) {
        Handlebars handlebars = new Handlebars(new NoExternalPartials()).with(escaping).infiniteLoops(false);
        PinpointHelpers.registerOn(handlebars, clock);
        return handlebars;
    }

    /** Compiles template text; a syntax error becomes a {@link TemplateSyntaxException} saying where and what. */
    Template compile(String source, Escaping escaping) {
        try {
            return (escaping == Escaping.JSON ? json : plain).compileInline(quoteTimeZones(source));
        } catch (HandlebarsException e) {
            throw new TemplateSyntaxException(describe(e));
        } catch (IOException e) {
            throw new TemplateSyntaxException(e.getMessage());
        }
    }

    /**
     * Renders with the given variables. A missing variable or helper renders empty; what still fails here (a partial
     * that does not exist, endless partial recursion) is a {@link TemplateRenderingException}.
     */
    String render(Template template, Map<String, Object> variables) {
        Context context = Context.newBuilder(variables).resolver(MapValueResolver.INSTANCE).build();
        try {
            return template.apply(context);
        } catch (HandlebarsException e) {
            throw new TemplateRenderingException(describe(e));
        } catch (IOException | RuntimeException e) {
            throw new TemplateRenderingException(String.valueOf(e.getMessage()));
        } finally {
            context.destroy();
        }
    }

    static String quoteTimeZones(String source) {
        if (!source.contains("tz=")) {
            return source;
        }
        Matcher mustaches = MUSTACHE.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 8);
        while (mustaches.find()) {
            String tag = UNQUOTED_ZONE.matcher(mustaches.group()).replaceAll("tz=\"$1\"");
            mustaches.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        mustaches.appendTail(out);
        return out.toString();
    }

    /** "line 1, column 7: found '<EOF>', expected '{{/'" rather than Handlebars' internal template name and caret art. */
    private static String describe(HandlebarsException e) {
        HandlebarsError error = e.getError();
        if (error == null) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return String.valueOf(cause.getMessage());
        }
        return "line " + error.line + ", column " + error.column + ": " + error.reason;
    }

    /** Only inline partials exist; {@code {{> name}}} for anything else fails instead of reading the classpath. */
    private static final class NoExternalPartials extends AbstractTemplateLoader {
        @Override
        public TemplateSource sourceAt(String location) throws IOException {
            throw new FileNotFoundException("The partial '" + location.replaceFirst("^/", "").replaceFirst("\\.hbs$", "")
                    + "' is not defined; define it in the template with {{#*inline \"name\"}}...{{/inline}}");
        }
    }
}
