package io.pinpush.access;

import io.pinpush.access.AccessKeyShapes.AccessKeysResponse;
import io.pinpush.access.AccessKeyShapes.CreateAccessKeyRequest;
import io.pinpush.access.AccessKeyShapes.UpdateAccessKeyRequest;
import io.pinpush.api.Route;
import java.util.List;
import java.util.Set;

/**
 * Pinpush's access-key administration (an extension, not a Pinpoint operation): create, list, get, update
 * (enable/disable, description, policy), rotate and delete keys under {@code /v1/pinpush/access-keys}. In AWS these
 * routes stay behind API Gateway's IAM authorization in either mode; locally, with keys enforced, a key whose policy
 * allows {@code pinpush:<Operation>} may call them (the bootstrap admin key does).
 */
public final class AccessKeyRoutes {

    public static final String PATH = "/v1/pinpush/access-keys";
    private static final String KEY = PATH + "/{key-id}";

    /** The operation names, which policies see as {@code pinpush:<Operation>}. */
    public static final Set<String> OPERATIONS = Set.of("CreateAccessKey", "GetAccessKeys", "GetAccessKey",
            "UpdateAccessKey", "RotateAccessKey", "DeleteAccessKey");

    private AccessKeyRoutes() {
    }

    static List<Route> routes(AccessKeyService keys, String region, String accountId) {
        return List.of(
                Route.of("CreateAccessKey", "POST", PATH, 201,
                        req -> keys.create(req.body(CreateAccessKeyRequest.class), region, accountId)),
                Route.of("GetAccessKeys", "GET", PATH, 200, req -> new AccessKeysResponse(keys.list())),
                Route.of("GetAccessKey", "GET", KEY, 200, req -> keys.get(req.pathParam("key-id"))),
                Route.of("UpdateAccessKey", "PATCH", KEY, 200,
                        req -> keys.update(req.pathParam("key-id"), req.body(UpdateAccessKeyRequest.class))),
                Route.of("RotateAccessKey", "POST", KEY + "/rotate", 200, req -> keys.rotate(req.pathParam("key-id"))),
                Route.of("DeleteAccessKey", "DELETE", KEY, 204, req -> {
                    keys.delete(req.pathParam("key-id"));
                    return null;
                }));
    }
}
