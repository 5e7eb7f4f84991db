package io.pinpush.access;

import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;

/** The local server as the access-key tests run it: in memory, access keys enforced. */
final class EnforcingServer {

    static final String BOOTSTRAP_SECRET = "pinpush/access-keys/bootstrap";

    private EnforcingServer() {
    }

    static LocalServer start() {
        return LocalServer.start(LocalOptions.defaults().withPort(0).inMemoryStorage()
                .with("PINPUSH_AUTH_MODE", "keys")
                // Where a deployment's CDK-made first key would be (empty until a test puts one there).
                .with("PINPUSH_BOOTSTRAP_KEY_SECRET", BOOTSTRAP_SECRET)
                // Sends answer at once, and deliveries fail fast against a closed port: only authorization is tested.
                .with("PINPUSH_SEND_WAIT", "PT0.2S")
                .with("PINPUSH_GCM_LEGACY_ENDPOINT", "http://localhost:1/fcm/send")
                .with("PINPUSH_FCM_ENDPOINT", "http://localhost:1"));
    }
}
