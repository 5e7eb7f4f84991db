package io.pinpush.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.access.AccessKeyShapes.AccessKeyResponse;
import io.pinpush.access.AccessKeyShapes.CreateAccessKeyRequest;
import io.pinpush.access.AccessKeyShapes.UpdateAccessKeyRequest;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.ForbiddenException;

/** The local server enforcing Pinpush access keys, driven by the AWS SDK for Java and by SDK-signed raw requests. */
class AccessKeysEnforcedTest {

    private static LocalServer server;
    private static AccessKeyResponse admin;
    private static PinpointClient adminClient;

    @BeforeAll
    static void start() {
        server = EnforcingServer.start();
        admin = server.bootstrapKey().orElseThrow();
        adminClient = client(admin.accessKeyId(), admin.secretAccessKey());
    }

    @AfterAll
    static void stop() {
        adminClient.close();
        server.close();
    }

    static PinpointClient client(String accessKeyId, String secret) {
        return PinpointClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                // A 403 must reach the test as it is, not after retries.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .build())
                .build();
    }

    private static AccessKeyResponse issue(String role, String appId) {
        return server.pinpush().accessControl().keys()
                .create(new CreateAccessKeyRequest("test " + role, role, appId, null), "us-east-1", "000000000000");
    }

    /** An app with a GCM channel (a legacy server key), so sends to GCM addresses are accepted. */
    private static String createApp(PinpointClient client, String name, Map<String, String> tags) {
        String appId = client.createApp(r -> r.createApplicationRequest(a -> a.name(name).tags(tags)))
                .applicationResponse().id();
        adminClient.updateGcmChannel(r -> r.applicationId(appId).gcmChannelRequest(g -> g.apiKey("server-key")
                .enabled(true)));
        return appId;
    }

    @Test
    void theSdkSignedWithAPinpushKeyCreatesListsUpdatesSendsAndTags() {
        String appId = createApp(adminClient, "sdk-keys", Map.of("team", "mobile"));
        assertThat(adminClient.getApps(r -> r.pageSize("50")).applicationsResponse().item())
                .anySatisfy(app -> assertThat(app.id()).isEqualTo(appId));
        // An endpoint id with characters that must be percent-encoded: the path is signed double-encoded.
        String endpointId = "device 1:a/b+c";
        adminClient.updateEndpoint(r -> r.applicationId(appId).endpointId(endpointId)
                .endpointRequest(e -> e.channelType(ChannelType.GCM).address("token-1").optOut("NONE")));
        assertThat(adminClient.getEndpoint(r -> r.applicationId(appId).endpointId(endpointId))
                .endpointResponse().address()).isEqualTo("token-1");
        var sent = adminClient.sendMessages(r -> r.applicationId(appId).messageRequest(m -> m
                .endpoints(Map.of(endpointId, software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration
                        .builder().build()))
                .messageConfiguration(c -> c.gcmMessage(g -> g.body("hi").action("OPEN_APP")))));
        assertThat(sent.messageResponse().endpointResult()).containsKey(endpointId);
        String arn = adminClient.getApp(r -> r.applicationId(appId)).applicationResponse().arn();
        adminClient.tagResource(r -> r.resourceArn(arn).tagsModel(t -> t.tags(Map.of("stage", "test"))));
        assertThat(adminClient.listTagsForResource(r -> r.resourceArn(arn)).tagsModel().tags())
                .containsEntry("stage", "test").containsEntry("team", "mobile");
        adminClient.untagResource(r -> r.resourceArn(arn).tagKeys("stage", "team"));
        assertThat(adminClient.listTagsForResource(r -> r.resourceArn(arn)).tagsModel().tags()).isEmpty();
    }

    @Test
    void anUnsignedRequestIsForbiddenAndSaysWhy() {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), "GET", "/v1/apps", null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("ForbiddenException");
        assertThat(response.body()).contains("Missing Authentication Token");
    }

    @Test
    void aWrongSecretIsRefused() {
        try (PinpointClient wrong = client(admin.accessKeyId(), "x".repeat(40))) {
            assertThatThrownBy(() -> wrong.getApps(r -> { }))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                            .contains("signature we calculated does not match").doesNotContain(admin.secretAccessKey()));
        }
    }

    @Test
    void anUnknownKeyIsRefused() {
        try (PinpointClient unknown = client("PPKAAAAAAAAAAAAAAAAA", "x".repeat(40))) {
            assertThatThrownBy(() -> unknown.getApps(r -> { }))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                            .contains("unknown access key id PPKAAAAAAAAAAAAAAAAA"));
        }
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAgoIsExpired() {
        Clock earlier = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16));
        var signed = SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "GET",
                server.endpoint().resolve("/v1/apps"), null, earlier);
        HttpResponse<String> response = SignedHttp.send(signed);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Signature expired");

        var recent = SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "GET",
                server.endpoint().resolve("/v1/apps"), null, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14)));
        assertThat(SignedHttp.send(recent).statusCode()).as("within the window").isEqualTo(200);
    }

    @Test
    void aTamperedBodyIsRefused() {
        URI uri = server.endpoint().resolve("/v1/apps");
        var signed = SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "POST", uri,
                "{\"Name\":\"signed\"}", Clock.systemUTC());
        HttpResponse<String> tampered = SignedHttp.send(signed, uri, "{\"Name\":\"evil!\"}");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("x-amz-content-sha256");
        assertThat(SignedHttp.send(signed).statusCode()).as("the untouched request").isEqualTo(201);
    }

    @Test
    void aReplayedRequestWithAChangedQueryStringIsRefused() {
        var signed = SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "GET",
                server.endpoint().resolve("/v1/apps?page-size=1"), null, Clock.systemUTC());
        assertThat(SignedHttp.send(signed).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = SignedHttp.send(signed, server.endpoint().resolve("/v1/apps?page-size=2"), null);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("signature we calculated does not match");
        HttpResponse<String> added = SignedHttp.send(signed,
                server.endpoint().resolve("/v1/apps?page-size=1&token=x"), null);
        assertThat(added.statusCode()).isEqualTo(403);
    }

    private static software.amazon.awssdk.services.pinpoint.model.MessageRequest gcmToOneAddress() {
        return software.amazon.awssdk.services.pinpoint.model.MessageRequest.builder()
                .addresses(Map.of("token-x", software.amazon.awssdk.services.pinpoint.model.AddressConfiguration
                        .builder().channelType(ChannelType.GCM).build()))
                .messageConfiguration(c -> c.gcmMessage(g -> g.body("hi")))
                .build();
    }

    private static void putSessionStart(PinpointClient client, String appId) {
        client.putEvents(r -> r.applicationId(appId).eventsRequest(e -> e.batchItem(Map.of("e1",
                software.amazon.awssdk.services.pinpoint.model.EventsBatch.builder()
                        .endpoint(p -> p.channelType(ChannelType.GCM).address("t1"))
                        .events(Map.of("ev1", software.amazon.awssdk.services.pinpoint.model.Event.builder()
                                .eventType("_session.start").timestamp(java.time.Instant.now().toString()).build()))
                        .build()))));
    }

    @Test
    void aSenderKeySendsToItsAppOnlyAndCannotTouchAnotherApp() {
        String own = createApp(adminClient, "sender-own", Map.of());
        String other = createApp(adminClient, "sender-other", Map.of());
        AccessKeyResponse sender = issue("SENDER", own);
        try (PinpointClient client = client(sender.accessKeyId(), sender.secretAccessKey())) {
            var response = client.sendMessages(r -> r.applicationId(own).messageRequest(gcmToOneAddress()));
            assertThat(response.messageResponse().applicationId()).isEqualTo(own);

            assertThatThrownBy(() -> client.sendMessages(r -> r.applicationId(other).messageRequest(gcmToOneAddress())))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                            .contains("mobiletargeting:SendMessages").contains("apps/" + other + "/messages"));
            assertThatThrownBy(() -> client.deleteApp(r -> r.applicationId(own)))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> client.getApps(r -> { })).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> client.updateEndpoint(r -> r.applicationId(own).endpointId("e1")
                    .endpointRequest(e -> e.channelType(ChannelType.GCM).address("t")))).isInstanceOf(ForbiddenException.class);
        }
        assertThat(adminClient.getApp(r -> r.applicationId(own)).applicationResponse().id()).isEqualTo(own);
    }

    @Test
    void anAppUserKeyUpdatesEndpointsAndPutsEventsOnItsAppOnly() {
        String own = createApp(adminClient, "app-user-own", Map.of());
        String other = createApp(adminClient, "app-user-other", Map.of());
        AccessKeyResponse appUser = issue("APP_USER", own);
        try (PinpointClient client = client(appUser.accessKeyId(), appUser.secretAccessKey())) {
            client.updateEndpoint(r -> r.applicationId(own).endpointId("e1")
                    .endpointRequest(e -> e.channelType(ChannelType.GCM).address("t1")));
            assertThatThrownBy(() -> client.updateEndpoint(r -> r.applicationId(other).endpointId("e1")
                    .endpointRequest(e -> e.channelType(ChannelType.GCM).address("t1"))))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> client.getEndpoint(r -> r.applicationId(own).endpointId("e1")))
                    .as("only writes").isInstanceOf(ForbiddenException.class);
            putSessionStart(client, own);
            assertThatThrownBy(() -> putSessionStart(client, other)).isInstanceOf(ForbiddenException.class);
        }
    }

    @Test
    void aDisabledKeyIsRefusedUntilEnabledAgain() {
        AccessKeyResponse key = issue("READ_ONLY", null);
        AccessKeyService keys = server.pinpush().accessControl().keys();
        try (PinpointClient client = client(key.accessKeyId(), key.secretAccessKey())) {
            client.getApps(r -> { });
            keys.update(key.accessKeyId(), new UpdateAccessKeyRequest("INACTIVE", null, null));
            assertThatThrownBy(() -> client.getApps(r -> { }))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                            .contains("is disabled"));
            keys.update(key.accessKeyId(), new UpdateAccessKeyRequest("ACTIVE", null, null));
            client.getApps(r -> { });
            assertThatThrownBy(() -> client.createApp(r -> r.createApplicationRequest(a -> a.name("nope"))))
                    .as("read-only").isInstanceOf(ForbiddenException.class);
        }
    }

    @Test
    void rotationInvalidatesTheOldSecret() {
        AccessKeyResponse key = issue("READ_ONLY", null);
        AccessKeyResponse rotated = server.pinpush().accessControl().keys().rotate(key.accessKeyId());
        assertThat(rotated.secretAccessKey()).isNotEqualTo(key.secretAccessKey()).hasSize(40);
        try (PinpointClient old = client(key.accessKeyId(), key.secretAccessKey());
             PinpointClient fresh = client(key.accessKeyId(), rotated.secretAccessKey())) {
            assertThatThrownBy(() -> old.getApps(r -> { })).isInstanceOf(ForbiddenException.class);
            fresh.getApps(r -> { });
        }
    }

    @Test
    void theKeyAdministrationRoutesAnswerAnAdminKeyAndRefuseOthers() {
        var created = SignedHttp.send(SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "POST",
                server.endpoint().resolve("/v1/pinpush/access-keys"), "{\"Role\":\"READ_ONLY\",\"Description\":\"ro\"}",
                Clock.systemUTC()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"SecretAccessKey\"").contains("\"Status\":\"ACTIVE\"")
                .contains("mobiletargeting:Get*");
        var listed = SignedHttp.send(SignedHttp.sign(admin.accessKeyId(), admin.secretAccessKey(), "GET",
                server.endpoint().resolve("/v1/pinpush/access-keys"), null, Clock.systemUTC()));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(admin.accessKeyId()).doesNotContain("SecretAccessKey");

        AccessKeyResponse readOnly = issue("READ_ONLY", null);
        var refused = SignedHttp.send(SignedHttp.sign(readOnly.accessKeyId(), readOnly.secretAccessKey(), "GET",
                server.endpoint().resolve("/v1/pinpush/access-keys"), null, Clock.systemUTC()));
        assertThat(refused.statusCode()).as("Get* of mobiletargeting is not pinpush:GetAccessKeys").isEqualTo(403);
        assertThat(refused.body()).contains("pinpush:GetAccessKeys");
    }

    @Test
    void tagConditionsUseTheStoredResourceTagsAndTheRequestsTags() {
        String mobile = createApp(adminClient, "abac-mobile", Map.of("team", "mobile"));
        String web = createApp(adminClient, "abac-web", Map.of("team", "web"));
        AccessKeyResponse key = server.pinpush().accessControl().keys().create(new CreateAccessKeyRequest("abac", null,
                null, io.pinpush.api.Json.mapper().valueToTree(Map.of("Version", "2012-10-17", "Statement", java.util.List.of(
                        Map.of("Effect", "Allow", "Action", "mobiletargeting:*", "Resource", "*",
                                "Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/team", "mobile"))),
                        Map.of("Effect", "Allow", "Action", "mobiletargeting:CreateApp", "Resource", "*",
                                "Condition", Map.of("StringEquals", Map.of("aws:RequestTag/team", "mobile"),
                                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", java.util.List.of("team")))))))),
                "us-east-1", "000000000000");
        try (PinpointClient client = client(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(client.getApp(r -> r.applicationId(mobile)).applicationResponse().id()).isEqualTo(mobile);
            assertThatThrownBy(() -> client.getApp(r -> r.applicationId(web))).isInstanceOf(ForbiddenException.class);
            // Endpoints carry no tags of their own: their app's decide.
            client.updateEndpoint(r -> r.applicationId(mobile).endpointId("e1")
                    .endpointRequest(e -> e.channelType(ChannelType.GCM).address("t1")));
            assertThatThrownBy(() -> client.updateEndpoint(r -> r.applicationId(web).endpointId("e1")
                    .endpointRequest(e -> e.channelType(ChannelType.GCM).address("t1"))))
                    .isInstanceOf(ForbiddenException.class);
            client.createApp(r -> r.createApplicationRequest(a -> a.name("tagged").tags(Map.of("team", "mobile"))));
            assertThatThrownBy(() -> client.createApp(r -> r.createApplicationRequest(a -> a.name("untagged"))))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> client.createApp(r -> r.createApplicationRequest(a -> a.name("extra")
                    .tags(Map.of("team", "mobile", "owner", "me"))))).as("aws:TagKeys").isInstanceOf(ForbiddenException.class);
            // Retagging the web app "mobile" is refused: its current tags say web.
            String webArn = "arn:aws:mobiletargeting:us-east-1:000000000000:apps/" + web;
            assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(webArn)
                    .tagsModel(t -> t.tags(Map.of("team", "mobile"))))).isInstanceOf(ForbiddenException.class);
        }
    }

    @Test
    void theDeploymentsBootstrapKeyIsAdoptedOnFirstUseAndCanBeDisabledAndDeleted() {
        String id = "PPKBOOTSTRAPADMINKEY";
        String secret = "b".repeat(40);
        server.pinpush().secrets().put(EnforcingServer.BOOTSTRAP_SECRET,
                "{\"AccessKeyId\":\"" + id + "\",\"SecretAccessKey\":\"" + secret + "\"}");
        AccessKeyService keys = server.pinpush().accessControl().keys();
        try (PinpointClient bootstrap = client(id, secret)) {
            bootstrap.getApps(r -> { });
            assertThat(keys.get(id).policy().toString()).contains("pinpush:*");
            keys.update(id, new UpdateAccessKeyRequest("INACTIVE", null, null));
            assertThatThrownBy(() -> bootstrap.getApps(r -> { })).isInstanceOf(ForbiddenException.class);
            keys.delete(id);
            assertThatThrownBy(() -> bootstrap.getApps(r -> { })).as("not adopted again")
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                            .contains("unknown access key id"));
        }
        assertThat(server.pinpush().secrets().get(EnforcingServer.BOOTSTRAP_SECRET)).hasValue("{\"Deleted\":true}");
    }
}
