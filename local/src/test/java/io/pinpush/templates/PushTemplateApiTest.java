package io.pinpush.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Action;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.CreatePushTemplateResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PushNotificationTemplateRequest;
import software.amazon.awssdk.services.pinpoint.model.PushNotificationTemplateResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplateResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplateType;
import software.amazon.awssdk.services.pinpoint.model.TemplateVersionResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplatesResponse;

@ExtendWith(PinpushExtension.class)
class PushTemplateApiTest {

    @Test
    void createAnswers201WithArnAndGetReturnsVersionOneWithEverything(PinpointClient pinpoint) {
        String name = uniqueName("welcome");

        CreatePushTemplateResponse created = pinpoint.createPushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r
                        .gcm(g -> g.action(Action.OPEN_APP).body("Hi {{User.UserAttributes.FirstName}}").title("Welcome")
                                .imageUrl("https://img/{{Id}}.png").sound("default"))
                        .apns(a -> a.body("Hi there").mediaUrl("https://m").title("Welcome"))
                        .defaultValue(d -> d.body("Hello").title("Welcome").url("https://example.com"))
                        .defaultSubstitutions("{\"User.UserAttributes.FirstName\": \"friend\"}")
                        .templateDescription("First contact").recommenderId("rec-1")
                        .tags(Map.of("team", "growth"))));

        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.createTemplateMessageBody().arn())
                .isEqualTo("arn:aws:mobiletargeting:us-east-1:000000000000:templates/" + name + "/PUSH");
        assertThat(created.createTemplateMessageBody().requestID()).isNotBlank();

        PushNotificationTemplateResponse template = pinpoint.getPushTemplate(b -> b.templateName(name)).pushNotificationTemplateResponse();
        assertThat(template.templateName()).isEqualTo(name);
        assertThat(template.templateType()).isEqualTo(TemplateType.PUSH);
        assertThat(template.version()).isEqualTo("1");
        assertThat(template.arn()).isEqualTo(created.createTemplateMessageBody().arn());
        assertThat(template.gcm().body()).isEqualTo("Hi {{User.UserAttributes.FirstName}}");
        assertThat(template.gcm().action()).isEqualTo(Action.OPEN_APP);
        assertThat(template.gcm().imageUrl()).isEqualTo("https://img/{{Id}}.png");
        assertThat(template.apns().mediaUrl()).isEqualTo("https://m");
        assertThat(template.defaultValue().url()).isEqualTo("https://example.com");
        assertThat(template.adm()).isNull();
        assertThat(template.defaultSubstitutions()).isEqualTo("{\"User.UserAttributes.FirstName\": \"friend\"}");
        assertThat(template.templateDescription()).isEqualTo("First contact");
        assertThat(template.recommenderId()).isEqualTo("rec-1");
        assertThat(template.tags()).containsExactlyEntriesOf(Map.of("team", "growth"));
        assertThat(template.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(template.lastModifiedDate()).isEqualTo(template.creationDate());
    }

    @Test
    void updateWithoutCreateNewVersionOverwritesTheLatestVersion(PinpointClient pinpoint) {
        String name = created(pinpoint, "overwrite", "v1 body");

        var answer = pinpoint.updatePushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(body("v1 edited")));

        assertThat(answer.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(answer.messageBody().requestID()).isNotBlank();
        PushNotificationTemplateResponse template = pinpoint.getPushTemplate(b -> b.templateName(name)).pushNotificationTemplateResponse();
        assertThat(template.version()).isEqualTo("1");
        assertThat(template.gcm().body()).isEqualTo("v1 edited");
        assertThat(versions(pinpoint, name)).containsExactly("1");
    }

    @Test
    void createNewVersionAddsAVersionWhileTheActiveVersionStays(PinpointClient pinpoint) {
        String name = created(pinpoint, "versions", "v1 body");

        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v2 body")));
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v3 body")));

        assertThat(get(pinpoint, name, null).gcm().body()).as("active version stays 1").isEqualTo("v1 body");
        assertThat(get(pinpoint, name, "2").gcm().body()).isEqualTo("v2 body");
        assertThat(get(pinpoint, name, "3").version()).isEqualTo("3");
        assertThat(versions(pinpoint, name)).containsExactly("3", "2", "1");
        TemplateVersionResponse newest = pinpoint.listTemplateVersions(b -> b.templateName(name).templateType("PUSH"))
                .templateVersionsResponse().item().get(0);
        assertThat(newest.templateType()).isEqualTo("PUSH");
        assertThat(newest.templateName()).isEqualTo(name);
        assertThat(newest.creationDate()).isNotBlank();

        // Without create-new-version, an update goes to the latest version (3), not the active one (1).
        pinpoint.updatePushTemplate(b -> b.templateName(name).version("3").pushNotificationTemplateRequest(body("v3 edited")));
        assertThat(get(pinpoint, name, "3").gcm().body()).isEqualTo("v3 edited");
        assertThat(get(pinpoint, name, "1").gcm().body()).isEqualTo("v1 body");
    }

    @Test
    void activeVersionCanBeAnyVersionOrLatest(PinpointClient pinpoint) {
        String name = created(pinpoint, "active", "v1 body");
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v2 body")));
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v3 body")));

        var answer = pinpoint.updateTemplateActiveVersion(b -> b.templateName(name).templateType("PUSH")
                .templateActiveVersionRequest(r -> r.version("2")));
        assertThat(answer.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(get(pinpoint, name, null).gcm().body()).isEqualTo("v2 body");
        assertThat(listed(pinpoint, name).version()).isEqualTo("2");

        pinpoint.updateTemplateActiveVersion(b -> b.templateName(name).templateType("push")
                .templateActiveVersionRequest(r -> r.version("latest")));
        assertThat(get(pinpoint, name, null).version()).isEqualTo("3");

        assertThatThrownBy(() -> pinpoint.updateTemplateActiveVersion(b -> b.templateName(name).templateType("PUSH")
                .templateActiveVersionRequest(r -> r.version("9"))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Version 9");
        assertThat(get(pinpoint, name, null).version()).isEqualTo("3");
    }

    @Test
    void versionParameterMustNameTheLatestAndCannotBeCombinedWithCreateNewVersion(PinpointClient pinpoint) {
        String name = created(pinpoint, "guard", "v1 body");
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v2 body")));

        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name).version("1")
                .pushNotificationTemplateRequest(body("stale"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("not the latest");
        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name).version("99")
                .pushNotificationTemplateRequest(body("nowhere")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name).version("2").createNewVersion(true)
                .pushNotificationTemplateRequest(body("both"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("create-new-version");
        assertThatThrownBy(() -> pinpoint.getPushTemplate(b -> b.templateName(name).version("two")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("two");

        assertThat(get(pinpoint, name, "1").gcm().body()).isEqualTo("v1 body");
        assertThat(get(pinpoint, name, "2").gcm().body()).isEqualTo("v2 body");
        assertThat(versions(pinpoint, name)).containsExactly("2", "1");
    }

    @Test
    void deletingOneVersionKeepsTheOthersAndNumbersAreNeverReused(PinpointClient pinpoint) {
        String name = created(pinpoint, "delete-one", "v1 body");
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v2 body")));
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v3 body")));

        var answer = pinpoint.deletePushTemplate(b -> b.templateName(name).version("3"));

        assertThat(answer.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(versions(pinpoint, name)).containsExactly("2", "1");
        assertThatThrownBy(() -> get(pinpoint, name, "3")).isInstanceOf(NotFoundException.class);
        // Version 2 is the latest now: an update without create-new-version overwrites it.
        pinpoint.updatePushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(body("v2 edited")));
        assertThat(get(pinpoint, name, "2").gcm().body()).isEqualTo("v2 edited");

        assertThatThrownBy(() -> pinpoint.deletePushTemplate(b -> b.templateName(name).version("1")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("active version");
        pinpoint.updateTemplateActiveVersion(b -> b.templateName(name).templateType("PUSH").templateActiveVersionRequest(r -> r.version("2")));
        pinpoint.deletePushTemplate(b -> b.templateName(name).version("1"));
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v4 body")));

        assertThat(versions(pinpoint, name)).containsExactly("4", "2");

        // Deleting the only version left (which is the active one) deletes the template.
        pinpoint.deletePushTemplate(b -> b.templateName(name).version("4"));
        pinpoint.deletePushTemplate(b -> b.templateName(name).version("2"));
        assertThatThrownBy(() -> get(pinpoint, name, null)).isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.listTemplates(b -> b.prefix(name)).templatesResponse().item()).isEmpty();
    }

    @Test
    void deleteWithoutVersionRemovesTheTemplateAndAllVersions(PinpointClient pinpoint) {
        String name = created(pinpoint, "delete-all", "v1 body");
        pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body("v2 body")));

        pinpoint.deletePushTemplate(b -> b.templateName(name));

        assertThatThrownBy(() -> get(pinpoint, name, null)).isInstanceOf(NotFoundException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> get(pinpoint, name, "2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> versions(pinpoint, name)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deletePushTemplate(b -> b.templateName(name))).isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.listTemplates(b -> b.prefix(name)).templatesResponse().item()).isEmpty();

        // The name is free again, starting from version 1 with nothing left over.
        create(pinpoint, name, "reborn");
        assertThat(versions(pinpoint, name)).containsExactly("1");
    }

    @Test
    void listTemplatesFiltersByPrefixAndTypeAndPagesWithNextToken(PinpointClient pinpoint) {
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(pinpoint, prefix + i, "body " + i));
        }
        create(pinpoint, "other-" + prefix, "not listed");

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            TemplatesResponse page = pinpoint.listTemplates(b -> b.prefix(prefix).templateType("PUSH").pageSize("2")
                    .nextToken(current)).templatesResponse();
            assertThat(page.item()).hasSizeLessThanOrEqualTo(2);
            page.item().forEach(item -> {
                assertThat(item.templateType()).isEqualTo(TemplateType.PUSH);
                assertThat(item.version()).isEqualTo("1");
                assertThat(item.arn()).as("Pinpoint leaves the ARN out of listings").isNull();
                seen.add(item.templateName());
            });
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(pinpoint.listTemplates(b -> b.prefix(prefix).templateType("EMAIL")).templatesResponse().item()).isEmpty();
        assertThatThrownBy(() -> pinpoint.listTemplates(b -> b.templateType("FAX"))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> pinpoint.listTemplates(b -> b.nextToken("garbage"))).isInstanceOf(BadRequestException.class);
        // A token of the unfiltered listing that starts outside this Prefix's names is the caller's mistake too.
        String unfiltered = pinpoint.listTemplates(b -> b.pageSize("1")).templatesResponse().nextToken();
        assertThat(unfiltered).isNotNull();
        assertThatThrownBy(() -> pinpoint.listTemplates(b -> b.prefix("zzz-no-such-prefix").nextToken(unfiltered)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void listTemplateVersionsPagesNewestFirst(PinpointClient pinpoint) {
        String name = created(pinpoint, "paged-versions", "v1");
        for (int i = 2; i <= 5; i++) {
            String text = "v" + i;
            pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true).pushNotificationTemplateRequest(body(text)));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            var page = pinpoint.listTemplateVersions(b -> b.templateName(name).templateType("PUSH").pageSize("2")
                    .nextToken(current)).templateVersionsResponse();
            assertThat(page.item()).hasSizeLessThanOrEqualTo(2);
            page.item().forEach(item -> seen.add(item.version()));
            token = page.nextToken();
        } while (token != null && seen.size() < 10);

        assertThat(seen).containsExactly("5", "4", "3", "2", "1");
        assertThatThrownBy(() -> pinpoint.listTemplateVersions(b -> b.templateName(name).templateType("EMAIL")))
                .isInstanceOf(NotFoundException.class);

        // Another listing's token (another template's versions, the template list) is the caller's mistake.
        String other = created(pinpoint, "paged-other", "v1");
        pinpoint.updatePushTemplate(b -> b.templateName(other).createNewVersion(true).pushNotificationTemplateRequest(body("v2")));
        String othersToken = pinpoint.listTemplateVersions(b -> b.templateName(other).templateType("PUSH").pageSize("1"))
                .templateVersionsResponse().nextToken();
        String listToken = pinpoint.listTemplates(b -> b.pageSize("1")).templatesResponse().nextToken();
        assertThat(othersToken).isNotNull();
        assertThat(listToken).isNotNull();
        for (String foreign : List.of(othersToken, listToken)) {
            assertThatThrownBy(() -> pinpoint.listTemplateVersions(b -> b.templateName(name).templateType("PUSH")
                    .nextToken(foreign))).isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> pinpoint.listTemplates(b -> b.nextToken(othersToken))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void invalidHandlebarsIsABadRequestAndWritesNothing(PinpointClient pinpoint) {
        String name = uniqueName("broken");

        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(r -> r
                .gcm(g -> g.body("fine")).apns(a -> a.title("Hi {{#if User.UserId}}unclosed")))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("APNS.Title is not a valid template").hasMessageContaining("line 1");
        assertThatThrownBy(() -> get(pinpoint, name, null)).isInstanceOf(NotFoundException.class);

        create(pinpoint, name, "good");
        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name).createNewVersion(true)
                .pushNotificationTemplateRequest(r -> r.gcm(g -> g.body("{{> undefinedPartial}}")))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("GCM.Body cannot be rendered");
        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r.gcm(g -> g.rawContent("{\"a\": \"{{oops\"}")))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("GCM.RawContent");
        assertThat(versions(pinpoint, name)).containsExactly("1");
        assertThat(get(pinpoint, name, null).gcm().body()).isEqualTo("good");
    }

    @Test
    void oversizePartsAndBadInputAreBadRequestsThatWriteNothing(PinpointClient pinpoint) {
        String name = uniqueName("oversize");

        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r.gcm(g -> g.body("x".repeat(4_001))))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("GCM.Body").hasMessageContaining("4000");
        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r.defaultValue(d -> d.body("x".repeat(2_001))))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Default.Body");
        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r.gcm(g -> g.body("ok")).defaultSubstitutions("[1]"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("DefaultSubstitutions");
        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName("-starts-with-hyphen")
                .pushNotificationTemplateRequest(body("ok"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("template name");
        assertThatThrownBy(() -> get(pinpoint, name, null)).isInstanceOf(NotFoundException.class);

        create(pinpoint, name, "ok");
        assertThatThrownBy(() -> pinpoint.createPushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(body("again"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("already exists");
        assertThat(get(pinpoint, name, null).gcm().body()).isEqualTo("ok");
    }

    @Test
    void operationsOnAMissingTemplateAreNotFound(PinpointClient pinpoint) {
        String name = uniqueName("missing");

        assertThatThrownBy(() -> get(pinpoint, name, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.updatePushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(body("x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deletePushTemplate(b -> b.templateName(name).version("1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.updateTemplateActiveVersion(b -> b.templateName(name).templateType("PUSH")
                .templateActiveVersionRequest(r -> r.version("latest")))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void concurrentNewVersionsAreAllKept(LocalServer server, PinpointClient pinpoint) throws Exception {
        String name = created(pinpoint, "concurrent", "v1");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        // The SDK would retry a refused update by itself; without that, each update must succeed on the server.
        try (PinpointClient noRetries = PinpointClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> updates = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "writer " + i;
                updates.add(pool.submit(() -> {
                    start.await();
                    return noRetries.updatePushTemplate(b -> b.templateName(name).createNewVersion(true)
                            .pushNotificationTemplateRequest(body(text)));
                }));
            }
            start.countDown();
            for (Future<?> update : updates) {
                update.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> versions = versions(pinpoint, name);
        assertThat(versions).containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1");
        Set<String> bodies = new HashSet<>();
        for (int v = 2; v <= 9; v++) {
            bodies.add(get(pinpoint, name, Integer.toString(v)).gcm().body());
        }
        assertThat(bodies).hasSize(writers);
    }

    @Test
    void unknownTemplateTypesInPathsAndBadFlagsAreClientErrors(LocalServer server, PinpointClient pinpoint) {
        String name = created(pinpoint, "raw", "v1");

        HttpResponse<String> badType = RawHttp.send(server.endpoint(), "GET", "/v1/templates/" + name + "/FAX/versions", null);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("FAX");

        HttpResponse<String> badFlag = RawHttp.send(server.endpoint(), "PUT",
                "/v1/templates/" + name + "/push?create-new-version=maybe", "{\"GCM\": {\"Body\": \"x\"}}");
        assertThat(badFlag.statusCode()).isEqualTo(400);
        assertThat(badFlag.body()).contains("create-new-version");

        HttpResponse<String> emailRoute = RawHttp.send(server.endpoint(), "GET", "/v1/templates/" + name + "/email", null);
        assertThat(emailRoute.statusCode()).as("only push templates are served").isEqualTo(404);
        assertThat(versions(pinpoint, name)).containsExactly("1");
    }

    // ---- helpers ----

    static String uniqueName(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a template named after {@code stem} and unique to this run. */
    private static String created(PinpointClient pinpoint, String stem, String gcmBody) {
        return create(pinpoint, uniqueName(stem), gcmBody);
    }

    private static String create(PinpointClient pinpoint, String name, String gcmBody) {
        pinpoint.createPushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(body(gcmBody)));
        return name;
    }

    private static Consumer<PushNotificationTemplateRequest.Builder> body(String gcmBody) {
        return r -> r.gcm(g -> g.body(gcmBody).title("Title"));
    }

    private static PushNotificationTemplateResponse get(PinpointClient pinpoint, String name, String version) {
        return pinpoint.getPushTemplate(b -> b.templateName(name).version(version)).pushNotificationTemplateResponse();
    }

    private static List<String> versions(PinpointClient pinpoint, String name) {
        return pinpoint.listTemplateVersions(b -> b.templateName(name).templateType("PUSH")).templateVersionsResponse()
                .item().stream().map(TemplateVersionResponse::version).toList();
    }

    private static TemplateResponse listed(PinpointClient pinpoint, String name) {
        return pinpoint.listTemplates(b -> b.prefix(name)).templatesResponse().item().stream()
                .filter(item -> item.templateName().equals(name)).findFirst().orElseThrow();
    }
}
