package io.pinpush.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.AwsCli;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** TagResource, UntagResource and ListTagsForResource on apps, segments and templates, through the SDK and the CLI. */
@ExtendWith(PinpushExtension.class)
class TagApiTest {

    private static final String PREFIX = "arn:aws:mobiletargeting:us-east-1:000000000000:";

    private static String newApp(PinpointClient pinpoint, Map<String, String> tags) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("tags-test").tags(tags)))
                .applicationResponse().arn();
    }

    private static Map<String, String> tagsOf(PinpointClient pinpoint, String arn) {
        return pinpoint.listTagsForResource(b -> b.resourceArn(arn)).tagsModel().tags();
    }

    private static void tag(PinpointClient pinpoint, String arn, Map<String, String> tags) {
        pinpoint.tagResource(b -> b.resourceArn(arn).tagsModel(t -> t.tags(tags)));
    }

    @Test
    void appTagsAreAddedReplacedAndRemovedAndShowInGetApp(PinpointClient pinpoint) {
        String arn = newApp(pinpoint, Map.of("team", "growth"));
        String appId = arn.substring(arn.lastIndexOf('/') + 1);

        tag(pinpoint, arn, Map.of("team", "retention", "cost-center", "42"));
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(Map.of("team", "retention", "cost-center", "42"));
        assertThat(pinpoint.getApp(b -> b.applicationId(appId)).applicationResponse().tags())
                .isEqualTo(Map.of("team", "retention", "cost-center", "42"));

        pinpoint.untagResource(b -> b.resourceArn(arn).tagKeys("team", "not-there"));
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(Map.of("cost-center", "42"));
        pinpoint.untagResource(b -> b.resourceArn(arn).tagKeys("cost-center"));
        assertThat(tagsOf(pinpoint, arn)).isEmpty();
    }

    @Test
    void segmentTagsChangeWithoutANewVersionAndSurviveTheNextUpdate(PinpointClient pinpoint) {
        String appId = idOf(newApp(pinpoint, Map.of()));
        var segment = pinpoint.createSegment(b -> b.applicationId(appId).writeSegmentRequest(r -> r.name("s")
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.dimensionType(DimensionType.INCLUSIVE).values("iOS"))))
                .tags(Map.of("a", "1")))).segmentResponse();

        tag(pinpoint, segment.arn(), Map.of("b", "2"));
        var read = pinpoint.getSegment(b -> b.applicationId(appId).segmentId(segment.id())).segmentResponse();
        assertThat(read.tags()).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(read.version()).as("tags are not a new version").isEqualTo(1);

        var updated = pinpoint.updateSegment(b -> b.applicationId(appId).segmentId(segment.id())
                .writeSegmentRequest(r -> r.name("renamed"))).segmentResponse();
        assertThat(updated.tags()).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(tagsOf(pinpoint, segment.arn())).isEqualTo(Map.of("a", "1", "b", "2"));

        // Tags in an update are not processed (Pinpoint's rule since 2023; campaigns: CampaignApiTest).
        var retagged = pinpoint.updateSegment(b -> b.applicationId(appId).segmentId(segment.id())
                .writeSegmentRequest(r -> r.name("again").tags(Map.of("c", "3")))).segmentResponse();
        assertThat(retagged.tags()).isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void templateTagsChangeWithoutTouchingItsVersions(PinpointClient pinpoint) {
        String name = "tags-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = pinpoint.createPushTemplate(b -> b.templateName(name).pushNotificationTemplateRequest(r -> r
                .gcm(g -> g.body("Hi")).tags(Map.of("owner", "me")))).createTemplateMessageBody().arn();
        assertThat(arn).isEqualTo(PREFIX + "templates/" + name + "/PUSH");
        var before = pinpoint.getPushTemplate(b -> b.templateName(name)).pushNotificationTemplateResponse();

        tag(pinpoint, arn, Map.of("stage", "beta"));
        pinpoint.untagResource(b -> b.resourceArn(arn).tagKeys("owner"));

        var after = pinpoint.getPushTemplate(b -> b.templateName(name)).pushNotificationTemplateResponse();
        assertThat(after.tags()).isEqualTo(Map.of("stage", "beta"));
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.lastModifiedDate()).isEqualTo(before.lastModifiedDate());
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(Map.of("stage", "beta"));
    }

    @Test
    void limitsAreRefusedWithBadRequestAndChangeNothing(PinpointClient pinpoint) {
        Map<String, String> fortyNine = new HashMap<>();
        IntStream.range(0, 49).forEach(i -> fortyNine.put("k" + i, "v"));
        String arn = newApp(pinpoint, fortyNine);

        assertThatThrownBy(() -> tag(pinpoint, arn, Map.of("x", "1", "y", "2")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("At most 50 tags");
        assertThatThrownBy(() -> tag(pinpoint, arn, Map.of("k".repeat(129), "v")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> tag(pinpoint, arn, Map.of("long", "v".repeat(257))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most 256 characters");
        assertThatThrownBy(() -> tag(pinpoint, arn, Map.of("aws:owner", "me")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("aws:");
        assertThatThrownBy(() -> tag(pinpoint, arn, Map.of()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at least one tag");
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(fortyNine);

        tag(pinpoint, arn, Map.of("k0", "replaced", "fiftieth", "ok"));
        assertThat(tagsOf(pinpoint, arn)).hasSize(50).containsEntry("k0", "replaced");
    }

    @Test
    void unknownResourcesAreNotFoundAndGarbageIsABadRequest(PinpointClient pinpoint) {
        String deletedApp = newApp(pinpoint, Map.of());
        pinpoint.deleteApp(b -> b.applicationId(idOf(deletedApp)));
        String liveApp = newApp(pinpoint, Map.of("keep", "me"));

        for (String arn : List.of(deletedApp, deletedApp + "/segments/" + "0".repeat(32), PREFIX + "templates/nope/PUSH",
                liveApp + "/campaigns/abc", PREFIX + "templates/x/EMAIL", liveApp + "/journeys/j",
                "arn:aws:mobiletargeting:eu-west-1:000000000000:apps/" + idOf(liveApp),
                "arn:aws:mobiletargeting:us-east-1:111111111111:apps/" + idOf(liveApp))) {
            assertThatThrownBy(() -> tagsOf(pinpoint, arn)).as(arn).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> tag(pinpoint, arn, Map.of("a", "b"))).as(arn).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> pinpoint.untagResource(b -> b.resourceArn(arn).tagKeys("a")))
                    .as(arn).isInstanceOf(NotFoundException.class);
        }
        for (String garbage : List.of("not-an-arn", "arn:aws:sns:us-east-1:000000000000:topic")) {
            assertThatThrownBy(() -> tagsOf(pinpoint, garbage)).as(garbage).isInstanceOf(BadRequestException.class);
        }
        assertThat(tagsOf(pinpoint, liveApp)).isEqualTo(Map.of("keep", "me"));
    }

    @Test
    void untagWithoutKeysIsABadRequest(LocalServer server, PinpointClient pinpoint) {
        String arn = newApp(pinpoint, Map.of("keep", "me"));
        var response = RawHttp.send(server.endpoint(), "DELETE",
                "/v1/tags/" + URLEncoder.encode(arn, StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(Map.of("keep", "me"));
    }

    @Test
    void concurrentTagChangesAreAllKept(PinpointClient pinpoint) throws Exception {
        String arn = newApp(pinpoint, Map.of());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = IntStream.range(0, 16)
                    .<Future<?>>mapToObj(i -> threads.submit(() -> tag(pinpoint, arn, Map.of("k" + i, "v" + i)))).toList();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(tagsOf(pinpoint, arn)).hasSize(16).containsEntry("k0", "v0").containsEntry("k15", "v15");
    }

    @Test
    void theAwsCliTagsAndUntagsAnApp(LocalServer server, PinpointClient pinpoint) {
        String arn = newApp(pinpoint, Map.of());
        AwsCli.json(server.endpoint(), "pinpoint", "tag-resource", "--resource-arn", arn,
                "--tags-model", "tags={env=prod,team=push}");
        JsonNode listed = AwsCli.json(server.endpoint(), "pinpoint", "list-tags-for-resource", "--resource-arn", arn);
        assertThat(listed.path("TagsModel").path("tags").path("env").asText()).isEqualTo("prod");
        assertThat(listed.path("TagsModel").path("tags").path("team").asText()).isEqualTo("push");

        AwsCli.json(server.endpoint(), "pinpoint", "untag-resource", "--resource-arn", arn, "--tag-keys", "env");
        assertThat(tagsOf(pinpoint, arn)).isEqualTo(Map.of("team", "push"));
    }

    private static String idOf(String appArn) {
        return appArn.substring(appArn.lastIndexOf('/') + 1);
    }
}
