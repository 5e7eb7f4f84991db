package io.pinpush.templates;

import com.github.jknack.handlebars.Template;
import io.pinpush.api.ApiError;
import io.pinpush.config.Lazy;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.ADMMessage;
import io.pinpush.messaging.APNSMessage;
import io.pinpush.messaging.Action;
import io.pinpush.messaging.BaiduMessage;
import io.pinpush.messaging.DefaultMessage;
import io.pinpush.messaging.DefaultPushNotificationMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.messaging.GCMMessage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders push templates and message configurations for one endpoint at a time: the hot path of a templated
 * send, so every template version is compiled once and reused.
 *
 * <h2>Merging</h2>
 * Template parts go under the request's message configuration, field by field; a field the request sets wins.
 * ADM, Baidu and GCM parts become ADMMessage, BaiduMessage and GCMMessage, APNS becomes APNSMessage, and Default
 * becomes DefaultPushNotificationMessage (which has no Sound member, so the Default part's Sound stays in the
 * template).
 *
 * <h2>Rendering</h2>
 * The text members a template part can hold (Body, Title, RawContent, Url, ImageUrl, ImageIconUrl,
 * SmallImageIconUrl, MediaUrl, Sound) and DefaultMessage.Body are rendered, whether they came from the template
 * or the request. A variable is looked up, highest precedence first, in: the address- or endpoint-level
 * Substitutions passed in (Pinpoint: they "take precedence over all other variables"), the endpoint, the
 * message's own Substitutions, the request's DefaultMessage.Substitutions, then the template's
 * DefaultSubstitutions. Missing variables render empty.
 */
public final class TemplateRenderer {

    /** Beyond this many, caches start over: a bound on memory, far above what one container renders at once. */
    private static final int MAX_CACHED_TEMPLATES = 1_000;
    private static final int MAX_CACHED_FRAGMENTS = 10_000;

    private static final ADMMessage NO_ADM = new ADMMessage(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);
    private static final APNSMessage NO_APNS = new APNSMessage(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);
    private static final BaiduMessage NO_BAIDU = new BaiduMessage(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
    private static final GCMMessage NO_GCM = new GCMMessage(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);
    private static final DefaultPushNotificationMessage NO_DEFAULT_PUSH = new DefaultPushNotificationMessage(null,
            null, null, null, null, null, null);
    private static final DirectMessageConfiguration NO_MESSAGES = new DirectMessageConfiguration(null, null, null,
            null, null, null, null, null, null);

    /** Built on first use: Handlebars and its helpers cost a cold start that functions which never render skip. */
    private final Lazy<TemplateEngine> engine;
    /** Keyed by the whole version (name, number, content, dates), so an overwritten version is compiled afresh. */
    private final Map<PushTemplate, CompiledPushTemplate> compiledTemplates = new ConcurrentHashMap<>();
    private final Map<Fragment, Template> compiledFragments = new ConcurrentHashMap<>();

    public TemplateRenderer(Clock clock) {
        this.engine = new Lazy<>(() -> new TemplateEngine(clock));
    }

    /** Builds the template engine now rather than at the first render (SnapStart priming). */
    public void warmUp() {
        engine.get();
    }

    /**
     * The message configuration for one endpoint: the template's parts merged under {@code request} and every
     * text member rendered with this endpoint's variables.
     *
     * @param template      the version to use, or null to render only the request's own text
     * @param request       the send's MessageConfiguration; null means none
     * @param endpoint      the recipient; null for a raw address (only substitutions and defaults apply)
     * @param substitutions address- or endpoint-level Substitutions; null means none
     * @throws TemplateRenderingException when a part cannot be rendered for this endpoint
     */
    public DirectMessageConfiguration renderFor(PushTemplate template, DirectMessageConfiguration request,
                                                EndpointResponse endpoint, Map<String, List<String>> substitutions) {
        DirectMessageConfiguration r = request == null ? NO_MESSAGES : request;
        CompiledPushTemplate compiled = template == null ? CompiledPushTemplate.NONE : compiled(template);
        Variables variables = new Variables(MessageVariables.fromSubstitutions(substitutions),
                MessageVariables.fromEndpoint(endpoint),
                MessageVariables.fromSubstitutions(r.defaultMessage() == null ? null : r.defaultMessage().substitutions()),
                compiled.defaults());
        String origin = template == null ? "MessageConfiguration" : "template " + template.name() + " version " + template.version();
        return new DirectMessageConfiguration(
                adm(r.admMessage(), template == null ? null : template.adm(),
                        new Rendering(origin + " ADM", compiled.section("ADM"), variables, substitutionsOf(r.admMessage()))),
                apns(r.apnsMessage(), template == null ? null : template.apns(),
                        new Rendering(origin + " APNS", compiled.section("APNS"), variables, substitutionsOf(r.apnsMessage()))),
                baidu(r.baiduMessage(), template == null ? null : template.baidu(),
                        new Rendering(origin + " Baidu", compiled.section("Baidu"), variables, substitutionsOf(r.baiduMessage()))),
                defaultMessage(r.defaultMessage(), new Rendering(origin + " DefaultMessage", Map.of(), variables, null)),
                defaultPush(r.defaultPushNotificationMessage(), template == null ? null : template.defaultTemplate(),
                        new Rendering(origin + " Default", compiled.section("Default"), variables,
                                r.defaultPushNotificationMessage() == null ? null : r.defaultPushNotificationMessage().substitutions())),
                r.emailMessage(),
                gcm(r.gcmMessage(), template == null ? null : template.gcm(),
                        new Rendering(origin + " GCM", compiled.section("GCM"), variables, substitutionsOf(r.gcmMessage()))),
                r.smsMessage(),
                r.voiceMessage());
    }

    /**
     * Checks that every text member of a send's MessageConfiguration is valid Handlebars, so a sender can refuse a
     * bad request with a 400 before sending anything instead of failing at the first endpoint.
     */
    public void validate(DirectMessageConfiguration request) {
        if (request == null) {
            return;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        if (request.admMessage() != null) texts.putAll(prefixed("ADMMessage", adm(request.admMessage())));
        if (request.apnsMessage() != null) texts.putAll(prefixed("APNSMessage", apns(request.apnsMessage())));
        if (request.baiduMessage() != null) texts.putAll(prefixed("BaiduMessage", baidu(request.baiduMessage())));
        if (request.gcmMessage() != null) texts.putAll(prefixed("GCMMessage", gcm(request.gcmMessage())));
        if (request.defaultPushNotificationMessage() != null) {
            DefaultPushNotificationMessage m = request.defaultPushNotificationMessage();
            texts.putAll(prefixed("DefaultPushNotificationMessage", TemplateParts.of("Body", m.body(), "Title", m.title(), "Url", m.url())));
        }
        if (request.defaultMessage() != null) {
            texts.putAll(prefixed("DefaultMessage", TemplateParts.of("Body", request.defaultMessage().body())));
        }
        texts.forEach((member, text) -> {
            try {
                fragment(text, TemplateEngine.Escaping.forPart(member.substring(member.lastIndexOf('.') + 1)));
            } catch (TemplateSyntaxException e) {
                throw ApiError.badRequest("MessageConfiguration." + member + " is not a valid template: " + e.getMessage());
            }
        });
    }

    /**
     * Checks a template version before it is stored: every part compiles, and every part renders for an endpoint
     * with no attributes at all (which finds partials that are never defined, or recurse forever).
     */
    void check(PushTemplate template) {
        CompiledPushTemplate compiled;
        try {
            compiled = CompiledPushTemplate.compile(template, engine.get());
        } catch (TemplateSyntaxException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        compiled.sections().forEach((section, parts) -> parts.forEach((part, compiledPart) -> {
            try {
                engine.get().render(compiledPart, MessageVariables.layered(new LinkedHashMap<>(), compiled.defaults()));
            } catch (TemplateRenderingException e) {
                throw ApiError.badRequest(section + "." + part + " cannot be rendered: " + e.getMessage());
            }
        }));
    }

    CompiledPushTemplate compiled(PushTemplate template) {
        CompiledPushTemplate compiled = compiledTemplates.get(template);
        if (compiled == null) {
            if (compiledTemplates.size() >= MAX_CACHED_TEMPLATES) compiledTemplates.clear();
            compiled = CompiledPushTemplate.compile(template, engine.get());
            compiledTemplates.put(template, compiled);
        }
        return compiled;
    }

    private Template fragment(String text, TemplateEngine.Escaping escaping) {
        Fragment key = new Fragment(text, escaping);
        Template compiled = compiledFragments.get(key);
        if (compiled == null) {
            if (compiledFragments.size() >= MAX_CACHED_FRAGMENTS) compiledFragments.clear();
            compiled = engine.get().compile(text, escaping);
            compiledFragments.put(key, compiled);
        }
        return compiled;
    }

    // ---- merging, one message type at a time: the request's field, else the template's, then rendered ----

    private static ADMMessage adm(ADMMessage request, AndroidPushNotificationTemplate part, Rendering rendering) {
        if (request == null && part == null) return null;
        ADMMessage r = request == null ? NO_ADM : request;
        return new ADMMessage(action(r.action(), part == null ? null : part.action()),
                rendering.text("Body", r.body()), r.consolidationKey(), r.data(), r.expiresAfter(), r.iconReference(),
                rendering.text("ImageIconUrl", r.imageIconUrl()), rendering.text("ImageUrl", r.imageUrl()), r.md5(),
                rendering.text("RawContent", r.rawContent()), r.silentPush(),
                rendering.text("SmallImageIconUrl", r.smallImageIconUrl()), rendering.text("Sound", r.sound()),
                r.substitutions(), rendering.text("Title", r.title()), rendering.text("Url", r.url()));
    }

    private static APNSMessage apns(APNSMessage request, APNSPushNotificationTemplate part, Rendering rendering) {
        if (request == null && part == null) return null;
        APNSMessage r = request == null ? NO_APNS : request;
        return new APNSMessage(r.apnsPushType(), action(r.action(), part == null ? null : part.action()), r.badge(),
                rendering.text("Body", r.body()), r.category(), r.collapseId(), r.data(),
                rendering.text("MediaUrl", r.mediaUrl()), r.preferredAuthenticationMethod(), r.priority(),
                rendering.text("RawContent", r.rawContent()), r.silentPush(), rendering.text("Sound", r.sound()),
                r.substitutions(), r.threadId(), r.timeToLive(), rendering.text("Title", r.title()),
                rendering.text("Url", r.url()));
    }

    private static BaiduMessage baidu(BaiduMessage request, AndroidPushNotificationTemplate part, Rendering rendering) {
        if (request == null && part == null) return null;
        BaiduMessage r = request == null ? NO_BAIDU : request;
        return new BaiduMessage(action(r.action(), part == null ? null : part.action()), rendering.text("Body", r.body()),
                r.data(), r.iconReference(), rendering.text("ImageIconUrl", r.imageIconUrl()),
                rendering.text("ImageUrl", r.imageUrl()), rendering.text("RawContent", r.rawContent()), r.silentPush(),
                rendering.text("SmallImageIconUrl", r.smallImageIconUrl()), rendering.text("Sound", r.sound()),
                r.substitutions(), r.timeToLive(), rendering.text("Title", r.title()), rendering.text("Url", r.url()));
    }

    private static GCMMessage gcm(GCMMessage request, AndroidPushNotificationTemplate part, Rendering rendering) {
        if (request == null && part == null) return null;
        GCMMessage r = request == null ? NO_GCM : request;
        return new GCMMessage(action(r.action(), part == null ? null : part.action()), rendering.text("Body", r.body()),
                r.collapseKey(), r.data(), r.iconReference(), rendering.text("ImageIconUrl", r.imageIconUrl()),
                rendering.text("ImageUrl", r.imageUrl()), r.preferredAuthenticationMethod(), r.priority(),
                rendering.text("RawContent", r.rawContent()), r.restrictedPackageName(), r.silentPush(),
                rendering.text("SmallImageIconUrl", r.smallImageIconUrl()), rendering.text("Sound", r.sound()),
                r.substitutions(), r.timeToLive(), rendering.text("Title", r.title()), rendering.text("Url", r.url()));
    }

    private static DefaultPushNotificationMessage defaultPush(DefaultPushNotificationMessage request,
                                                              DefaultPushNotificationTemplate part, Rendering rendering) {
        if (request == null && part == null) return null;
        DefaultPushNotificationMessage r = request == null ? NO_DEFAULT_PUSH : request;
        return new DefaultPushNotificationMessage(action(r.action(), part == null ? null : part.action()),
                rendering.text("Body", r.body()), r.data(), r.silentPush(), r.substitutions(),
                rendering.text("Title", r.title()), rendering.text("Url", r.url()));
    }

    private static DefaultMessage defaultMessage(DefaultMessage request, Rendering rendering) {
        return request == null ? null : new DefaultMessage(rendering.text("Body", request.body()), request.substitutions());
    }

    private static Action action(Action request, Action template) {
        return request != null ? request : template;
    }

    private static Map<String, List<String>> substitutionsOf(Object message) {
        if (message instanceof ADMMessage m) return m.substitutions();
        if (message instanceof APNSMessage m) return m.substitutions();
        if (message instanceof BaiduMessage m) return m.substitutions();
        if (message instanceof GCMMessage m) return m.substitutions();
        return null;
    }

    private static Map<String, String> adm(ADMMessage m) {
        return TemplateParts.of("Body", m.body(), "ImageIconUrl", m.imageIconUrl(), "ImageUrl", m.imageUrl(),
                "RawContent", m.rawContent(), "SmallImageIconUrl", m.smallImageIconUrl(), "Sound", m.sound(),
                "Title", m.title(), "Url", m.url());
    }

    private static Map<String, String> apns(APNSMessage m) {
        return TemplateParts.of("Body", m.body(), "MediaUrl", m.mediaUrl(), "RawContent", m.rawContent(),
                "Sound", m.sound(), "Title", m.title(), "Url", m.url());
    }

    private static Map<String, String> baidu(BaiduMessage m) {
        return TemplateParts.of("Body", m.body(), "ImageIconUrl", m.imageIconUrl(), "ImageUrl", m.imageUrl(),
                "RawContent", m.rawContent(), "SmallImageIconUrl", m.smallImageIconUrl(), "Sound", m.sound(),
                "Title", m.title(), "Url", m.url());
    }

    private static Map<String, String> gcm(GCMMessage m) {
        return TemplateParts.of("Body", m.body(), "ImageIconUrl", m.imageIconUrl(), "ImageUrl", m.imageUrl(),
                "RawContent", m.rawContent(), "SmallImageIconUrl", m.smallImageIconUrl(), "Sound", m.sound(),
                "Title", m.title(), "Url", m.url());
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> texts) {
        Map<String, String> out = new LinkedHashMap<>();
        texts.forEach((member, text) -> {
            if (text.contains("{{")) out.put(prefix + "." + member, text);
        });
        return out;
    }

    /** The variable sources of one renderFor call, shared by its messages. */
    private record Variables(Map<String, Object> address, Map<String, Object> endpoint,
                             Map<String, Object> defaultMessage, Map<String, Object> templateDefaults) {

        Map<String, Object> forMessage(Map<String, List<String>> messageSubstitutions) {
            return MessageVariables.layered(new LinkedHashMap<>(), address, endpoint,
                    MessageVariables.fromSubstitutions(messageSubstitutions), defaultMessage, templateDefaults);
        }
    }

    /** One message being rendered: its compiled template parts and, built on first use, its variables. */
    private final class Rendering {
        private final String origin;
        private final Map<String, Template> parts;
        private final Variables variables;
        private final Map<String, List<String>> messageSubstitutions;
        private Map<String, Object> resolved;

        Rendering(String origin, Map<String, Template> parts, Variables variables,
                  Map<String, List<String>> messageSubstitutions) {
            this.origin = origin;
            this.parts = parts;
            this.variables = variables;
            this.messageSubstitutions = messageSubstitutions;
        }

        /** The request's value rendered if it has one, else the template part rendered, else null. */
        String text(String member, String requestValue) {
            Template template;
            if (requestValue != null) {
                if (!requestValue.contains("{{")) {
                    return requestValue;
                }
                try {
                    template = fragment(requestValue, TemplateEngine.Escaping.forPart(member));
                } catch (TemplateSyntaxException e) {
                    throw ApiError.badRequest("MessageConfiguration " + member + " is not a valid template: " + e.getMessage());
                }
            } else {
                template = parts.get(member);
                if (template == null) {
                    return null;
                }
            }
            if (resolved == null) {
                resolved = variables.forMessage(messageSubstitutions);
            }
            try {
                return engine.get().render(template, resolved);
            } catch (TemplateRenderingException e) {
                throw new TemplateRenderingException(origin + "." + member + " cannot be rendered: " + e.getMessage());
            }
        }
    }

    private record Fragment(String text, TemplateEngine.Escaping escaping) {
    }
}
