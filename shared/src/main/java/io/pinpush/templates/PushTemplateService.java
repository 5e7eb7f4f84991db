package io.pinpush.templates;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.store.Backoff;
import io.pinpush.store.Page;
import io.pinpush.tags.TaggableResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Push templates and their versions, with Pinpoint's version semantics (Pinpoint API reference, "Push Notification
 * Template" and "Active Template Version"; user guide, "Managing versions of message templates"):
 * <ul>
 *   <li>Creating a template creates version 1, which is the active version.</li>
 *   <li>Updating without {@code create-new-version} overwrites the latest version; a {@code version} given with it
 *       must be the latest (Pinpoint's guard against races). With {@code create-new-version=true} the update becomes
 *       a new version numbered one above any version ever created; numbers are never reused, and {@code version}
 *       must then be absent. The active version does not change either way.</li>
 *   <li>Reads and sends without a version use the active version, which is not necessarily the latest.</li>
 *   <li>UpdateTemplateActiveVersion takes an existing version number or {@code latest}.</li>
 *   <li>Deleting without a version deletes the template and every version. Deleting one version is refused for the
 *       active version while others exist (a template always has an active version; make another one active first);
 *       deleting the only version deletes the template.</li>
 *   <li>A template holds at most 5,000 versions.</li>
 * </ul>
 * Every change is a conditional write against the revision it read; when another change got there first, the
 * change is re-read and re-applied, so concurrent updates never lose a version.
 */
public final class PushTemplateService {

    static final int MAX_VERSIONS = 5_000;
    private static final int MAX_ATTEMPTS = 10;
    /** DynamoDB items are limited to 400 KB; this leaves room for the keys and the head. */
    private static final int MAX_STORED_BYTES = 350 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final PushTemplateStore store;
    private final TemplateRenderer renderer;
    private final Arns arns;
    private final Clock clock;

    public PushTemplateService(PushTemplateStore store, TemplateRenderer renderer, Arns arns, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.arns = arns;
        this.clock = clock;
    }

    /** Creates the template as version 1; returns its ARN. */
    public String create(String name, PushNotificationTemplateRequest request) {
        checkName(name);
        String now = Timestamps.now(clock);
        PushTemplate first = checked(PushTemplate.of(name, 1, request, now, now));
        if (!store.create(TemplateHead.first(name, request.tags(), now), first)) {
            throw ApiError.badRequest("Template " + name + " of type PUSH already exists; update it with UpdatePushTemplate");
        }
        return arn(name);
    }

    public PushNotificationTemplateResponse get(String name, Optional<String> version) {
        TemplateHead head = requireHead(name);
        PushTemplate template = requireVersion(name, version.map(PushTemplateService::versionNumber)
                .orElse(head.activeVersion()));
        return PushNotificationTemplateResponse.of(template, arn(name), head.tags());
    }

    /** The version a send refers to: the given one, or the active version when {@code version} is null. */
    public PushTemplate require(String name, String version) {
        int number = version == null ? requireHead(name).activeVersion() : versionNumber(version);
        return requireVersion(name, number);
    }

    public void update(String name, PushNotificationTemplateRequest request, boolean createNewVersion,
                       Optional<String> version) {
        if (createNewVersion && version.isPresent()) {
            throw ApiError.badRequest("version cannot be combined with create-new-version=true: a new version gets the next number");
        }
        OptionalInt expectedLatest = version.map(v -> OptionalInt.of(versionNumber(v))).orElse(OptionalInt.empty());
        String now = Timestamps.now(clock);
        retrying(name, head -> {
            if (createNewVersion) {
                if (head.versionCount() >= MAX_VERSIONS) {
                    throw ApiError.badRequest("Template " + name + " already has " + MAX_VERSIONS
                            + " versions, the most a template can have; delete old versions first");
                }
                PushTemplate added = checked(PushTemplate.of(name, head.nextVersion(), request, now, now));
                return store.putVersion(head, head.withNewVersion(now), added);
            }
            if (expectedLatest.isPresent() && expectedLatest.getAsInt() != head.latestVersion()) {
                requireVersion(name, expectedLatest.getAsInt()); // a version that does not exist is a 404, as on Get
                throw ApiError.badRequest("version " + expectedLatest.getAsInt() + " is not the latest version of "
                        + name + " (" + head.latestVersion() + "); only the latest version can be overwritten,"
                        + " or use create-new-version=true");
            }
            PushTemplate latest = requireVersion(name, head.latestVersion());
            PushTemplate overwritten = checked(PushTemplate.of(name, latest.version(), request, latest.creationDate(), now));
            return store.putVersion(head, head.touched(now), overwritten);
        });
    }

    public void delete(String name, Optional<String> version) {
        if (version.isEmpty()) {
            if (!store.deleteAll(name)) {
                throw notFound(name);
            }
            return;
        }
        int number = versionNumber(version.get());
        String now = Timestamps.now(clock);
        retrying(name, head -> {
            requireVersion(name, number);
            if (head.versionCount() == 1) {
                return store.deleteOnlyVersion(head, number);
            }
            if (number == head.activeVersion()) {
                throw ApiError.badRequest("Version " + number + " is the active version of " + name
                        + "; make another version active (UpdateTemplateActiveVersion) before deleting it");
            }
            int newLatest = number == head.latestVersion()
                    ? store.highestVersionBelow(name, number).orElse(head.activeVersion()) : head.latestVersion();
            return store.deleteVersion(head, head.withoutVersion(newLatest, now), number);
        });
    }

    /** Makes a version, or "latest", the active version. */
    public void setActiveVersion(String name, TemplateType type, String version) {
        requirePush(name, type);
        String now = Timestamps.now(clock);
        retrying(name, head -> {
            int number = "latest".equalsIgnoreCase(version.strip()) ? head.latestVersion() : versionNumber(version);
            requireVersion(name, number);
            return store.replaceHead(head, head.withActive(number, now), number);
        });
    }

    /** Template tags as a {@link TaggableResource}: TagResource and its kin on {@code templates/{name}/PUSH} ARNs. */
    public TaggableResource tags() {
        return TaggableResource.stored(arn -> store.head(arn.id()), TemplateHead::tags, TemplateHead::withTags,
                store::replaceHeadOnly);
    }

    public Page<TemplateHead> list(Optional<String> prefix, Optional<TemplateType> type, PageRequest page) {
        if (type.isPresent() && type.get() != TemplateType.PUSH) {
            return new Page<>(List.of(), null);
        }
        return store.list(prefix.filter(p -> !p.isEmpty()), page);
    }

    public Page<PushTemplate> versions(String name, TemplateType type, PageRequest page) {
        requirePush(name, type);
        requireHead(name);
        return store.versions(name, page);
    }

    /**
     * Applies a change to the current head until it is the one that lands. Between attempts it waits a short, random
     * while, because DynamoDB may cancel both of two conflicting transactions and an immediate retry would collide again.
     */
    private void retrying(String name, Predicate<TemplateHead> attempt) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            if (attempt.test(requireHead(name))) {
                return;
            }
            Backoff.pause(i);
        }
        throw ApiError.tooManyRequests("Template " + name + " is being changed by other requests at the same time; retry");
    }

    /** A version ready to store: valid Handlebars in every part, and small enough for one DynamoDB item. */
    private PushTemplate checked(PushTemplate version) {
        renderer.check(version);
        int bytes = Json.write(version).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_STORED_BYTES) {
            throw ApiError.badRequest("The template is " + bytes / 1024 + " KB; Pinpush stores at most "
                    + MAX_STORED_BYTES / 1024 + " KB per template version (parts, description and DefaultSubstitutions together)");
        }
        return version;
    }

    private TemplateHead requireHead(String name) {
        return store.head(name).orElseThrow(() -> notFound(name));
    }

    private PushTemplate requireVersion(String name, int version) {
        return store.version(name, version).orElseThrow(() -> ApiError.notFound(
                "Version " + version + " of template " + name + " of type PUSH not found"));
    }

    /** Templates of the other types can exist in Pinpoint; here they never do. */
    private static void requirePush(String name, TemplateType type) {
        if (type != TemplateType.PUSH) {
            throw ApiError.notFound("Template " + name + " of type " + type + " not found: Pinpush keeps PUSH templates only");
        }
    }

    private static ApiError notFound(String name) {
        return ApiError.notFound("Template " + name + " of type PUSH not found");
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiError.badRequest("Invalid template name '" + name + "': a template name starts with a letter or"
                    + " digit and has at most 128 letters, digits, underscores (_) and hyphens (-)");
        }
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // fall through
        }
        throw ApiError.badRequest("Invalid version '" + version + "': versions are numbered 1, 2, 3, ...");
    }

    private String arn(String name) {
        return arns.template(name, TemplateType.PUSH.name());
    }
}
