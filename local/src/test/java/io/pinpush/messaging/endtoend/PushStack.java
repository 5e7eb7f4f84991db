package io.pinpush.messaging.endtoend;

import io.pinpush.api.Ids;
import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.testing.Closing;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.StandInsExtension;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AddressConfiguration;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DirectMessageConfiguration;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local server (ElasticMQ, the dispatcher poller, DynamoDB Local) pointed at the APNs and FCM stand-ins,
 * with a real PinpointClient, and apps whose APNs and GCM channels the stand-ins accept. Retries are kept short
 * (3 attempts, at most 1 s apart) and a send waits 5 s for outcomes, so failure paths finish quickly.
 */
final class PushStack implements AutoCloseable {

    static final String BUNDLE_ID = "com.example.pinpush.e2e";
    static final int MAX_ATTEMPTS = 3;

    final ApnsStandIn apns;
    final FcmStandIn fcm;
    final LocalServer server;
    final PinpointClient pinpoint;
    private final ApnsStandIn.SigningKey signingKey;

    PushStack(ApnsStandIn apns, FcmStandIn fcm) {
        this(apns, fcm, "PT5S");
    }

    /** With {@code sendWait} (ISO-8601) as PINPUSH_SEND_WAIT: a very short one makes sends answer QUEUED. */
    PushStack(ApnsStandIn apns, FcmStandIn fcm, String sendWait) {
        this(apns, fcm, sendWait, java.util.Map.of());
    }

    /** With further settings of the local server ({@code PINPUSH_LOCAL_CAMPAIGN_TICK}, ...). */
    PushStack(ApnsStandIn apns, FcmStandIn fcm, String sendWait, java.util.Map<String, String> settings) {
        this.apns = apns;
        this.fcm = fcm;
        LocalOptions options = LocalOptions.defaults().withPort(0).inMemoryStorage()
                .with("PINPUSH_APNS_ENDPOINT", apns.endpoint())
                .with("PINPUSH_APNS_SANDBOX_ENDPOINT", apns.endpoint())
                .with("PINPUSH_APNS_TRUSTED_CERT", StandInTls.caFile().toString())
                .with("PINPUSH_FCM_ENDPOINT", fcm.endpoint().toString())
                .with("PINPUSH_GCM_LEGACY_ENDPOINT", fcm.legacyEndpoint().toString())
                .with("PINPUSH_FCM_TRUSTED_CERT", StandInTls.caFile().toString())
                .with("PINPUSH_PROVIDER_TIMEOUT", "PT5S")
                .with("PINPUSH_SEND_WAIT", sendWait)
                .with("PINPUSH_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS))
                .with("PINPUSH_RETRY_MAX_DELAY", "PT1S");
        for (var setting : settings.entrySet()) {
            options = options.with(setting.getKey(), setting.getValue());
        }
        this.server = LocalServer.start(options);
        this.pinpoint = PinpushExtension.pinpointClient(server.endpoint());
        this.signingKey = apns.createSigningKey("TEAM0E2E01", "KEY0E2E001", BUNDLE_ID);
    }

    /** A new app with an enabled APNs channel (token key) and an enabled GCM channel (FCM v1 service account). */
    String newApp() {
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("push-e2e")))
                .applicationResponse().id();
        pinpoint.updateApnsChannel(b -> b.applicationId(app).apnsChannelRequest(r -> r.enabled(true)
                .defaultAuthenticationMethod("TOKEN").bundleId(BUNDLE_ID).teamId(signingKey.teamId())
                .tokenKeyId(signingKey.keyId()).tokenKey(signingKey.privateKeyPem())));
        FcmStandIn.ServiceAccount account = fcm.createServiceAccount("project-" + Ids.newId().substring(0, 8));
        pinpoint.updateGcmChannel(b -> b.applicationId(app).gcmChannelRequest(r -> r.enabled(true)
                .defaultAuthenticationMethod("TOKEN").serviceJson(account.json())));
        return app;
    }

    /** A device token APNs knows for the app's bundle. */
    String apnsToken() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        apns.registerDevice(BUNDLE_ID, token);
        return token;
    }

    static String fcmToken() {
        return "fcm-" + Ids.newId() + ":APA91b" + Ids.newId();
    }

    List<ApnsStandIn.Received> apnsReceived(String token) {
        return apns.received().stream().filter(r -> r.token().equals(token)).toList();
    }

    List<FcmStandIn.Received> fcmReceived(String token) {
        return fcm.sendRequests().stream()
                .filter(r -> token.equals(r.json().path("message").path("token").asText(null))).toList();
    }

    /** Creates or updates an endpoint through UpdateEndpoint. */
    void endpoint(String app, String id, String address, ChannelType type, String optOut, String userId) {
        pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId(id).endpointRequest(r -> {
            r.address(address).channelType(type).optOut(optOut);
            if (userId != null) {
                r.user(u -> u.userId(userId));
            }
        }));
    }

    String endpointStatus(String app, String id) {
        return pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(id)).endpointResponse().endpointStatus();
    }

    static AddressConfiguration address(ChannelType type) {
        return AddressConfiguration.builder().channelType(type).build();
    }

    /** A message with content for both APNs and FCM, in the style of the customer's recipe. */
    static DirectMessageConfiguration message() {
        return DirectMessageConfiguration.builder()
                .apnsMessage(m -> m.title("Game Request").body("Bob wants to play poker").sound("default"))
                .gcmMessage(m -> m.title("Game Request").body("Bob wants to play poker").priority("high"))
                .build();
    }

    String deliveryQueueUrl() {
        return server.pinpush().config().deliveryQueueUrl();
    }

    /** Messages in the delivery queue, visible or in flight. */
    int queuedMessages() {
        var attributes = server.pinpush().aws().sqs().getQueueAttributes(b -> b.queueUrl(deliveryQueueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        pinpoint.close();
        server.close();
    }

    /**
     * Hands a test class one stack with the default settings (asked for as a {@code @BeforeAll} parameter), on the
     * run's stand-ins, and closes it after the class's last test.
     */
    static final class PerClass implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerClass.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PushStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
            return Closing.in(classContext.getStore(NAMESPACE), PushStack.class, () -> new PushStack(
                    StandInsExtension.standIn(ApnsStandIn.class, context), StandInsExtension.standIn(FcmStandIn.class, context)));
        }
    }
}
