package io.pinpush.api;

/**
 * One operation of the Pinpoint API: its model name, HTTP method, path template, success status and
 * the code that answers it. The handler returns the response payload (or null for an empty body);
 * the router turns it into JSON.
 *
 * <p>The route table doubles as the contract: a test checks each route against the service model.
 */
public record Route(String operation, String method, PathTemplate path, int successStatus, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        Object handle(ApiRequest request);
    }

    public static Route of(String operation, String method, String path, int successStatus, Handler handler) {
        return new Route(operation, method, PathTemplate.of(path), successStatus, handler);
    }
}
