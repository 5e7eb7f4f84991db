package io.pinpush.cdk;

import io.pinpush.Pinpush;
import io.pinpush.api.Route;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.secrets.SecretStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pinpoint operations Pinpush implements, as HTTP API routes, each bound to the function that answers it.
 * Read from the real route table, so a new operation gets its route at the next deploy and a route never
 * outlives its handler.
 */
public final class ApiRoutes {

    /** Operations answered by the send function; every other one goes to the API function. */
    public static final Set<String> SEND_OPERATIONS = Set.of("SendMessages", "SendUsersMessages");

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    public enum Target { API, SEND }

    /** One route: {@code method} and {@code path} form the HTTP API route key. */
    public record Binding(String operation, String method, String path, Target target) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    private ApiRoutes() {
    }

    /** Every route of the composition root, built offline: no AWS call and no credentials. */
    public static List<Binding> implemented() {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true"));
        try (AwsClients aws = new AwsClients(config)) {
            return of(new Pinpush(config, aws, new NoSecrets(), Clock.systemUTC()).apiRoutes());
        }
    }

    public static List<Binding> of(List<Route> routes) {
        return routes.stream()
                .map(route -> new Binding(route.operation(), route.method().toUpperCase(Locale.ROOT),
                        routePath(route.path().template()),
                        SEND_OPERATIONS.contains(route.operation()) ? Target.SEND : Target.API))
                .toList();
    }

    /**
     * API Gateway's path variables are letters, digits and underscores: {@code {application-id}} becomes
     * {@code {applicationId}}. The handler matches the raw path itself, so the names matter only here.
     * A resource ARN arrives with its slashes percent-encoded; a greedy variable matches it whether or not
     * API Gateway decodes them first (it must be the last segment, which it is in Pinpoint's tag routes).
     */
    static String routePath(String template) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = camelCase(matcher.group(1));
            boolean greedy = name.endsWith("Arn") && matcher.end() == template.length();
            matcher.appendReplacement(path, Matcher.quoteReplacement("{" + name + (greedy ? "+" : "") + "}"));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Building the route table never touches secrets; if a service ever did, synthesis should say so loudly. */
    private static final class NoSecrets implements SecretStore {
        @Override
        public String put(String name, String value) {
            throw new UnsupportedOperationException("No secrets while synthesizing the stack");
        }

        @Override
        public Optional<String> get(String name) {
            throw new UnsupportedOperationException("No secrets while synthesizing the stack");
        }

        @Override
        public Optional<String> get(String name, String versionId) {
            throw new UnsupportedOperationException("No secrets while synthesizing the stack");
        }

        @Override
        public void delete(String name) {
            throw new UnsupportedOperationException("No secrets while synthesizing the stack");
        }
    }
}
