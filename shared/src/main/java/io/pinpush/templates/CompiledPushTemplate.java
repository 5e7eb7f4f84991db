package io.pinpush.templates;

import com.github.jknack.handlebars.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template version compiled once for all the endpoints it renders for: each text part as a Handlebars
 * {@link Template}, and its DefaultSubstitutions as a variable tree.
 */
record CompiledPushTemplate(Map<String, Map<String, Template>> sections, Map<String, Object> defaults) {

    static final CompiledPushTemplate NONE = new CompiledPushTemplate(Map.of(), Map.of());

    /** Compiles every part; the first part that is not valid Handlebars fails with its section and name. */
    static CompiledPushTemplate compile(PushTemplate template, TemplateEngine engine) {
        Map<String, Map<String, Template>> sections = new LinkedHashMap<>();
        template.sections().forEach((section, parts) -> {
            Map<String, Template> compiled = new LinkedHashMap<>();
            parts.forEach((part, text) -> compiled.put(part, compilePart(engine, section + "." + part, text, part)));
            sections.put(section, Map.copyOf(compiled));
        });
        return new CompiledPushTemplate(Map.copyOf(sections),
                MessageVariables.parseDefaultSubstitutions(template.defaultSubstitutions()));
    }

    private static Template compilePart(TemplateEngine engine, String where, String text, String part) {
        try {
            return engine.compile(text, TemplateEngine.Escaping.forPart(part));
        } catch (TemplateSyntaxException e) {
            throw new TemplateSyntaxException(where + " is not a valid template: " + e.getMessage());
        }
    }

    /** The compiled parts of one section ("ADM", "APNS", "Baidu", "Default", "GCM"); empty when the template has none. */
    Map<String, Template> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }
}
