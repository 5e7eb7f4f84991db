package io.pinpush.access;

import io.pinpush.api.ApiError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ready-made policies for the common roles, named in a CreateAccessKey request by {@code Role}:
 * <ul>
 *   <li>{@code ADMIN}: every Pinpoint action and the access-key administration ({@code pinpush:*})</li>
 *   <li>{@code READ_ONLY}: {@code mobiletargeting:Get*} and {@code mobiletargeting:List*} everywhere</li>
 *   <li>{@code APP_USER}: UpdateEndpoint, UpdateEndpointsBatch and PutEvents on one app (what a mobile app's
 *       backend-for-frontend needs)</li>
 *   <li>{@code SENDER}: SendMessages and SendUsersMessages on one app</li>
 * </ul>
 */
public final class Policies {

    /** Access-key administration actions: Pinpush's own namespace, never granted by {@code mobiletargeting:*}. */
    public static final String ADMIN_NAMESPACE = "pinpush";

    public enum Role { ADMIN, READ_ONLY, APP_USER, SENDER }

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private Policies() {
    }

    public static PolicyDocument admin() {
        return allow(List.of("mobiletargeting:*", ADMIN_NAMESPACE + ":*"), List.of("*"));
    }

    public static PolicyDocument readOnly() {
        return allow(List.of("mobiletargeting:Get*", "mobiletargeting:List*"), List.of("*"));
    }

    public static PolicyDocument appUser(String region, String accountId, String appId) {
        String app = appArn(region, accountId, appId);
        return allow(List.of("mobiletargeting:UpdateEndpoint", "mobiletargeting:UpdateEndpointsBatch",
                "mobiletargeting:PutEvents"), List.of(app, app + "/*"));
    }

    public static PolicyDocument sender(String region, String accountId, String appId) {
        return allow(List.of("mobiletargeting:SendMessages", "mobiletargeting:SendUsersMessages"),
                List.of(appArn(region, accountId, appId) + "/messages"));
    }

    /** The policy of {@code role}; APP_USER and SENDER need the app they are limited to. */
    public static PolicyDocument of(String role, String appId, String region, String accountId) {
        Role parsed;
        try {
            parsed = Role.valueOf(role.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Role must be one of ADMIN, READ_ONLY, APP_USER, SENDER, got " + role);
        }
        if ((parsed == Role.APP_USER || parsed == Role.SENDER) && (appId == null || !APP_ID.matcher(appId).matches())) {
            throw ApiError.badRequest("Role " + parsed + " needs the ApplicationId of the app it is limited to");
        }
        return switch (parsed) {
            case ADMIN -> admin();
            case READ_ONLY -> readOnly();
            case APP_USER -> appUser(region, accountId, appId);
            case SENDER -> sender(region, accountId, appId);
        };
    }

    private static String appArn(String region, String accountId, String appId) {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + ":apps/" + appId;
    }

    private static PolicyDocument allow(List<String> actions, List<String> resources) {
        return new PolicyDocument("2012-10-17", List.of(new PolicyDocument.Statement(null, PolicyDocument.Effect.Allow,
                actions, false, resources, false, List.of())));
    }
}
