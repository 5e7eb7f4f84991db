package io.pinpush.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the route for a request, runs it, and makes every outcome a Pinpoint-shaped response.
 *
 * <p>This is the one place that decides how an exception becomes an error response: {@link ApiError}s
 * keep their type and message; anything else is a 500 whose details stay in the log, never in the response.
 */
public final class Router {

    /** API Gateway's own payload limit is 10 MB; Pinpoint rejects bodies over 7 MB. */
    public static final int MAX_BODY_BYTES = 7 * 1024 * 1024;
    /** The most bytes a path parameter may have: DynamoDB's limit for a sort key. */
    static final int MAX_ID_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /**
     * Decides who made a request before anything else happens to it: answers the request with its
     * {@link ApiRequest#caller()} set to the verified identity, or refuses it with an {@link ApiError}
     * (a 403 ForbiddenException). Runs before route matching, so an unauthenticated caller learns nothing
     * about which paths exist; guards and observers see the request it answered.
     */
    @FunctionalInterface
    public interface Authenticator {
        ApiRequest authenticate(ApiRequest request);

        /** Trusts the caller the transport named (API Gateway's IAM authorizer, or anonymous). */
        Authenticator TRANSPORT = request -> request;
    }

    /**
     * Runs before a matched route's handler and may refuse the call with an {@link ApiError} (quotas do);
     * its error becomes the response like any handler's.
     */
    @FunctionalInterface
    public interface Guard {
        void admit(Route route, ApiRequest request);
    }

    /**
     * Sees every call that matched a route, with the response it got, after the fact (the audit trail does).
     * It cannot change the response, and its own failures are logged, never answered.
     */
    @FunctionalInterface
    public interface Observer {
        void observe(Route route, ApiRequest request, ApiResponse response);
    }

    private final List<Route> routes;
    private final Authenticator authenticator;
    private final List<Guard> guards;
    private final List<Observer> observers;

    public Router(List<Route> routes) {
        this(routes, List.of(), List.of());
    }

    public Router(List<Route> routes, List<Guard> guards, List<Observer> observers) {
        this(routes, Authenticator.TRANSPORT, guards, observers);
    }

    public Router(List<Route> routes, Authenticator authenticator, List<Guard> guards, List<Observer> observers) {
        this.authenticator = authenticator;
        this.guards = List.copyOf(guards);
        this.observers = List.copyOf(observers);
        // Literal segments win over variables when two templates could match the same path.
        this.routes = routes.stream()
                .sorted(java.util.Comparator.comparingLong((Route r) -> r.path().segments().stream()
                        .filter(s -> !s.startsWith("{")).count()).reversed())
                .toList();
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * The same routes and authentication with no guard and no observer: what SnapStart priming sends its requests
     * through, since the quota guard and the audit trail write to DynamoDB, which nothing may reach before the
     * snapshot. Authentication stays: an unsigned priming request stops there before any read.
     */
    public Router withoutGuardsOrObservers() {
        return new Router(routes, authenticator, List.of(), List.of());
    }

    public ApiResponse handle(ApiRequest request) {
        Outcome outcome = respond(request);
        if (outcome.admitted() != null) {
            for (Observer observer : observers) {
                try {
                    observer.observe(outcome.admitted(), outcome.request(), outcome.response());
                } catch (RuntimeException e) {
                    LOG.error("Observer {} failed on {} {}", observer, request.method(), request.path(), e);
                }
            }
        }
        return outcome.response();
    }

    /** The response, and the route that ran (null when none matched or a guard refused the call). */
    private record Outcome(ApiResponse response, Route admitted, ApiRequest request) {
    }

    private Outcome respond(ApiRequest request) {
        String requestId = request.requestId();
        Route admitted = null;
        ApiRequest routed = request;
        try {
            if (request.body().length() > MAX_BODY_BYTES / 4
                    && request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw ApiError.payloadTooLarge("The request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            ApiRequest authenticated = authenticator.authenticate(request);
            Match match = find(authenticated);
            requireStorableIds(match.params());
            routed = authenticated.withPathParams(match.params());
            for (Guard guard : guards) {
                guard.admit(match.route(), routed);
            }
            // Observed only once admitted: a call a guard refused (over its quota) did nothing worth recording.
            admitted = match.route();
            Object payload = admitted.handler().handle(routed);
            int status = admitted.successStatus();
            String body = payload == null || status == 204 ? "" : Json.write(payload);
            return new Outcome(ApiResponse.json(status, requestId, body), admitted, routed);
        } catch (ApiError error) {
            if (error.type() == ApiError.Type.INTERNAL) {
                LOG.error("{} {} failed: {}", request.method(), request.path(), error.getMessage(), error);
            } else {
                LOG.info("{} {} rejected: {} {}", request.method(), request.path(),
                        error.type().errorType(), error.getMessage());
            }
            return new Outcome(ApiResponse.error(error, requestId), admitted, routed);
        } catch (RuntimeException unexpected) {
            LOG.error("{} {} failed unexpectedly", request.method(), request.path(), unexpected);
            return new Outcome(ApiResponse.error(ApiError.internal(
                    "Internal error; quote request id " + requestId + " when reporting it"), requestId), admitted, routed);
        }
    }

    private Match find(ApiRequest request) {
        List<String> segments = PathTemplate.split(request.path());
        List<String> allowedMethods = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.path().match(segments);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equalsIgnoreCase(request.method())) {
                return new Match(route, params.get());
            }
            allowedMethods.add(route.method());
        }
        if (!allowedMethods.isEmpty()) {
            throw ApiError.methodNotAllowed("Method " + request.method() + " is not allowed on " + request.path()
                    + "; allowed: " + String.join(", ", allowedMethods));
        }
        throw ApiError.notFound("No operation matches " + request.method() + " " + request.path());
    }

    /**
     * Every id in a path becomes part of a DynamoDB key (the quota guard's counter, then the resource's own item),
     * which DynamoDB refuses beyond 1,024 bytes (a sort key's limit): such an id names nothing Pinpush could have
     * stored, and is a client's mistake, not a 500.
     */
    private static void requireStorableIds(Map<String, String> params) {
        params.forEach((name, value) -> {
            if (value.length() > MAX_ID_BYTES / 4
                    && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
                throw ApiError.badRequest("The path parameter " + name + " must be at most " + MAX_ID_BYTES
                        + " bytes long");
            }
        });
    }

    private record Match(Route route, Map<String, String> params) {
    }
}
