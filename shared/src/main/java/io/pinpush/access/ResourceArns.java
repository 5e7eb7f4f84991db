package io.pinpush.access;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The resource ARN an operation acts on, as Pinpoint's IAM catalogue names it (developer guide, "Amazon Pinpoint
 * API actions"), derived from the matched route's path so a new route gets the right ARN without a table to keep:
 * <ul>
 *   <li>{@code GET/POST /v1/apps} → {@code ...:apps}; {@code /v1/templates} → {@code ...:templates}</li>
 *   <li>an app, its settings, and its collections listed or created without an id ({@code GET .../segments},
 *       {@code PUT .../endpoints}) → {@code ...:apps/{app-id}}</li>
 *   <li>one item of an app ({@code segments}, {@code campaigns}, {@code endpoints}, {@code users}, {@code journeys})
 *       → {@code ...:apps/{app-id}/{kind}/{id}}, whatever sub-path follows (versions, size, activities)</li>
 *   <li>{@code channels/{type}}, {@code eventstream}, {@code events}, {@code attributes/{type}},
 *       {@code kpis/daterange/{kpi}} → the same path under the app; SendMessages, SendUsersMessages and the
 *       GetMessageReport extension → {@code ...:apps/{app-id}/messages}</li>
 *   <li>a template → {@code ...:templates/{name}/PUSH} (the type upper-case, as in its ARN)</li>
 *   <li>the tag operations → the ARN being tagged (so a key scoped to one app cannot tag another)</li>
 *   <li>Pinpush's access-key routes → {@code ...:access-keys} or {@code ...:access-keys/{key-id}}</li>
 * </ul>
 */
final class ResourceArns {

    private static final Set<String> ITEMS = Set.of("segments", "campaigns", "endpoints", "users", "journeys");

    private final String prefix;

    ResourceArns(String region, String accountId) {
        this.prefix = "arn:aws:mobiletargeting:" + region + ":" + accountId + ":";
    }

    String of(Route route, ApiRequest request) {
        List<String> template = route.path().segments();
        List<String> parts = template.size() > 0 && template.get(0).equals("v1") ? template.subList(1, template.size())
                : template;
        if (parts.isEmpty()) {
            return prefix + "*";
        }
        return switch (parts.get(0)) {
            case "apps" -> prefix + app(parts, request);
            case "templates" -> prefix + (parts.size() == 1 ? "templates"
                    : "templates/" + value(parts.get(1), request) + "/" + templateType(parts, request));
            case "tags" -> parts.size() > 1 ? value(parts.get(1), request) : prefix + "*";
            case "pinpush" -> prefix + (parts.size() > 2 ? "access-keys/" + value(parts.get(2), request) : "access-keys");
            default -> prefix + "*";
        };
    }

    private static String app(List<String> parts, ApiRequest request) {
        if (parts.size() == 1) {
            return "apps";
        }
        String base = "apps/" + value(parts.get(1), request);
        if (parts.size() == 2) {
            return base;
        }
        String kind = parts.get(2);
        if (kind.equals("messages") || kind.equals("users-messages")) {
            return base + "/messages";
        }
        if (ITEMS.contains(kind)) {
            return parts.size() > 3 ? base + "/" + kind + "/" + value(parts.get(3), request) : base;
        }
        return switch (kind) {
            case "channels", "attributes" -> parts.size() > 3 ? base + "/" + kind + "/" + value(parts.get(3), request)
                    : base;
            case "eventstream", "events" -> base + "/" + kind;
            case "kpis" -> base + "/" + String.join("/", parts.subList(2, parts.size()).stream()
                    .map(p -> value(p, request)).toList());
            default -> base;
        };
    }

    private static String templateType(List<String> parts, ApiRequest request) {
        return parts.size() > 2 ? value(parts.get(2), request).toUpperCase(Locale.ROOT) : "*";
    }

    /** A literal segment, or the request's value of a {@code {variable}} one. */
    private static String value(String segment, ApiRequest request) {
        if (segment.startsWith("{") && segment.endsWith("}")) {
            return request.pathParams().getOrDefault(segment.substring(1, segment.length() - 1), "");
        }
        return segment;
    }
}
