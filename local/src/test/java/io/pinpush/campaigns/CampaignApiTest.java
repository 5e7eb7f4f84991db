package io.pinpush.campaigns;

import static io.pinpush.campaigns.CampaignCalls.create;
import static io.pinpush.campaigns.CampaignCalls.inHours;
import static io.pinpush.campaigns.CampaignCalls.newApp;
import static io.pinpush.campaigns.CampaignCalls.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.Json;
import io.pinpush.campaigns.CampaignCalls.App;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Action;
import software.amazon.awssdk.services.pinpoint.model.ActivityResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.CampaignResponse;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.CampaignsResponse;
import software.amazon.awssdk.services.pinpoint.model.EndpointTypesElement;
import software.amazon.awssdk.services.pinpoint.model.Frequency;
import software.amazon.awssdk.services.pinpoint.model.Mode;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.WriteCampaignRequest;
import software.amazon.awssdk.services.pinpoint.model.WriteTreatmentResource;

/** Campaign CRUD, versions, activities, validation, tags and the DeleteApp cascade through the real PinpointClient. */
@ExtendWith(PinpushExtension.class)
class CampaignApiTest {

    @Test
    void createdCampaignCarriesEveryMemberAndReadsBack(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        String template = "campaign-template-" + UUID.randomUUID();
        pinpoint.createPushTemplate(b -> b.templateName(template).pushNotificationTemplateRequest(r -> r
                .defaultValue(d -> d.title("Hi").body("From the template"))));
        String start = inHours(2);
        String end = inHours(48);
        WriteCampaignRequest request = WriteCampaignRequest.builder()
                .name("flash-sale").description("Flash sale for high-value customers")
                .segmentId(app.segmentId()).segmentVersion(1)
                .messageConfiguration(m -> m
                        .apnsMessage(a -> a.action(Action.OPEN_APP).title("Sale").body("apns").jsonBody("{\"k\":1}")
                                .mediaUrl("https://example.com/m.png").silentPush(false).timeToLive(3600))
                        .gcmMessage(g -> g.action(Action.URL).url("https://example.com").body("gcm")
                                .imageIconUrl("https://example.com/i.png").imageSmallIconUrl("https://example.com/s.png")
                                .imageUrl("https://example.com/big.png").rawContent(null))
                        .defaultMessage(d -> d.body("default")))
                .templateConfiguration(t -> t.pushTemplate(p -> p.name(template)))
                .schedule(s -> s.startTime(start).endTime(end).frequency(Frequency.DAILY).isLocalTime(true)
                        .timezone("UTC+05:30").quietTime(q -> q.start("22:00").end("07:00")))
                .limits(l -> l.daily(2).total(10).session(1).maximumDuration(600).messagesPerSecond(50))
                .holdoutPercent(10).isPaused(false).priority(3)
                .treatmentName("A").treatmentDescription("control")
                .additionalTreatments(
                        WriteTreatmentResource.builder().sizePercent(30).treatmentName("B").treatmentDescription("bold")
                                .messageConfiguration(m -> m.gcmMessage(g -> g.body("B!"))).build(),
                        WriteTreatmentResource.builder().sizePercent(20).treatmentName("C")
                                .templateConfiguration(t -> t.pushTemplate(p -> p.name(template).version("1")))
                                .schedule(s -> s.startTime(inHours(3)).frequency(Frequency.ONCE)).build(),
                        WriteTreatmentResource.builder().sizePercent(5).treatmentName("custom")
                                .customDeliveryConfiguration(c -> c.deliveryUri("https://example.com/deliver")
                                        .endpointTypes(EndpointTypesElement.GCM))
                                .messageConfiguration(m -> m.customMessage(c -> c.data("{\"x\":1}"))).build())
                .hook(h -> h.webUrl("https://example.com/hook").mode(Mode.FILTER))
                .customDeliveryConfiguration(c -> c.deliveryUri("arn:aws:lambda:us-east-1:000000000000:function:deliver"))
                .tags(Map.of("team", "growth"))
                .build();

        CampaignResponse created = create(pinpoint, app, request);

        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.applicationId()).isEqualTo(app.id());
        assertThat(created.arn()).isEqualTo("arn:aws:mobiletargeting:us-east-1:000000000000:apps/" + app.id()
                + "/campaigns/" + created.id());
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.creationDate()).isNotBlank().isEqualTo(created.lastModifiedDate());
        assertThat(created.state().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(created.defaultState().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(created.isPaused()).isFalse();
        assertThat(created.name()).isEqualTo("flash-sale");
        assertThat(created.description()).isEqualTo("Flash sale for high-value customers");
        assertThat(created.segmentId()).isEqualTo(app.segmentId());
        assertThat(created.segmentVersion()).isEqualTo(1);
        assertThat(created.messageConfiguration()).isEqualTo(request.messageConfiguration());
        assertThat(created.templateConfiguration()).isEqualTo(request.templateConfiguration());
        assertThat(created.schedule()).isEqualTo(request.schedule());
        assertThat(created.limits()).isEqualTo(request.limits());
        assertThat(created.holdoutPercent()).isEqualTo(10);
        assertThat(created.priority()).isEqualTo(3);
        assertThat(created.treatmentName()).isEqualTo("A");
        assertThat(created.treatmentDescription()).isEqualTo("control");
        assertThat(created.hook()).isEqualTo(request.hook());
        assertThat(created.customDeliveryConfiguration()).isEqualTo(request.customDeliveryConfiguration());
        assertThat(created.tags()).isEqualTo(Map.of("team", "growth"));
        assertThat(created.additionalTreatments()).extracting(t -> t.id()).containsExactly("1", "2", "3");
        assertThat(created.additionalTreatments()).extracting(t -> t.sizePercent()).containsExactly(30, 20, 5);
        assertThat(created.additionalTreatments()).allSatisfy(t ->
                assertThat(t.state().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED));
        assertThat(created.additionalTreatments().get(0).messageConfiguration().gcmMessage().body()).isEqualTo("B!");
        assertThat(created.additionalTreatments().get(1).templateConfiguration().pushTemplate().version()).isEqualTo("1");
        assertThat(created.additionalTreatments().get(1).schedule().frequency()).isEqualTo(Frequency.ONCE);
        assertThat(created.additionalTreatments().get(2).customDeliveryConfiguration().endpointTypes())
                .containsExactly(EndpointTypesElement.GCM);

        CampaignResponse read = pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(created.id()))
                .campaignResponse();
        assertThat(read).isEqualTo(created);
    }

    @Test
    void frequencyAndSegmentVersionDefaultToOnceAndTheLatestVersion(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        pinpoint.updateSegment(b -> b.applicationId(app.id()).segmentId(app.segmentId())
                .writeSegmentRequest(r -> r.name("android-v2")));

        CampaignResponse created = create(pinpoint, app, valid(app).schedule(s -> s.startTime("IMMEDIATE")).build());

        assertThat(created.schedule().frequency()).isEqualTo(Frequency.ONCE);
        assertThat(created.segmentVersion()).isEqualTo(2);
    }

    @Test
    void eventCampaignWithCustomChannelAndLambdaHookNeedsNoPushChannel(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        pinpoint.updateGcmChannel(b -> b.applicationId(app.id()).gcmChannelRequest(r -> r.enabled(false)));

        CampaignResponse created = create(pinpoint, app, WriteCampaignRequest.builder().name("on-purchase")
                .segmentId(app.segmentId())
                .schedule(s -> s.startTime("IMMEDIATE").endTime(inHours(24)).frequency(Frequency.EVENT)
                        .eventFilter(f -> f.filterType("ENDPOINT").dimensions(d -> d.eventType(t -> t
                                .dimensionType("INCLUSIVE").values("purchase")))))
                .customDeliveryConfiguration(c -> c.deliveryUri("https://example.com/deliver"))
                .messageConfiguration(m -> m.customMessage(c -> c.data("{\"offer\":\"10%\"}")))
                .hook(h -> h.lambdaFunctionName("filter-fn").mode(Mode.FILTER))
                .build());

        assertThat(created.schedule().eventFilter().dimensions().eventType().values()).containsExactly("purchase");
        assertThat(created.schedule().frequency()).isEqualTo(Frequency.EVENT);
        assertThat(created.messageConfiguration().customMessage().data()).isEqualTo("{\"offer\":\"10%\"}");
        assertThat(created.hook().lambdaFunctionName()).isEqualTo("filter-fn");
        assertThatThrownBy(() -> create(pinpoint, app, valid(app).build()))
                .as("a push campaign needs an enabled channel").isInstanceOf(BadRequestException.class)
                .hasMessageContaining("enabled: none");
    }

    @Test
    void unknownAppOrCampaignIsNotFound(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        String unknown = "f".repeat(32);

        assertThatThrownBy(() -> pinpoint.createCampaign(b -> b.applicationId(unknown)
                .writeCampaignRequest(valid(app).build()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(unknown)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(unknown)
                .writeCampaignRequest(r -> r.name("x")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getCampaignVersions(b -> b.applicationId(app.id()).campaignId(unknown)))
                .isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getCampaigns(b -> b.applicationId(app.id())).campaignsResponse().item()).isEmpty();
    }

    @Test
    void pausedCampaignIsCreatedPausedAndResumedByAnUpdate(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        CampaignResponse paused = create(pinpoint, app, valid(app).isPaused(true).build());

        CampaignResponse resumed = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(paused.id())
                .writeCampaignRequest(r -> r.isPaused(false))).campaignResponse();

        assertThat(paused.state().campaignStatus()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.isPaused()).isTrue();
        assertThat(resumed.state().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(resumed.isPaused()).isFalse();
        assertThat(resumed.version()).isEqualTo(2);
    }

    @Test
    void everyUpdateIsANewVersionAndOldVersionsStayReadable(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        CampaignResponse v1 = create(pinpoint, app, valid(app).description("first").build());

        CampaignResponse v2 = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())
                .writeCampaignRequest(r -> r.name("renamed"))).campaignResponse();
        CampaignResponse v3 = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())
                .writeCampaignRequest(r -> r.messageConfiguration(m -> m.defaultMessage(d -> d.body("everyone")))
                        .schedule(s -> s.startTime("IMMEDIATE")))).campaignResponse();

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.name()).isEqualTo("renamed");
        assertThat(v2.description()).as("absent members keep their value").isEqualTo("first");
        assertThat(v2.messageConfiguration()).isEqualTo(v1.messageConfiguration());
        assertThat(v2.creationDate()).isEqualTo(v1.creationDate());
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.messageConfiguration().defaultMessage().body()).isEqualTo("everyone");
        assertThat(v3.messageConfiguration().gcmMessage()).as("MessageConfiguration is replaced as a whole").isNull();
        assertThat(v3.schedule().startTime()).isEqualTo("IMMEDIATE");
        assertThat(v3.arn()).isEqualTo(v1.arn());

        assertThat(pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())).campaignResponse())
                .isEqualTo(v3);
        assertThat(pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(v1.id()).version("1"))
                .campaignResponse()).isEqualTo(v1);
        assertThat(pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(v1.id()).version("2"))
                .campaignResponse()).isEqualTo(v2);

        CampaignsResponse first = pinpoint.getCampaignVersions(b -> b.applicationId(app.id()).campaignId(v1.id())
                .pageSize("2")).campaignsResponse();
        CampaignsResponse second = pinpoint.getCampaignVersions(b -> b.applicationId(app.id()).campaignId(v1.id())
                .pageSize("2").token(first.nextToken())).campaignsResponse();
        assertThat(first.item()).extracting(CampaignResponse::version).containsExactly(1, 2);
        assertThat(second.item()).extracting(CampaignResponse::version).containsExactly(3);

        assertThatThrownBy(() -> pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(v1.id())
                .version("9"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Version 9");
        assertThatThrownBy(() -> pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(v1.id())
                .version("latest"))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void getCampaignsPagesThroughEveryCampaign(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(pinpoint, app, valid(app).build()).id());
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            CampaignsResponse page = pinpoint.getCampaigns(b -> b.applicationId(app.id()).pageSize("2").token(from))
                    .campaignsResponse();
            page.item().forEach(c -> seen.add(c.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pages).isBetween(3, 4);
        assertThatThrownBy(() -> pinpoint.getCampaigns(b -> b.applicationId(app.id()).token("not-a-token")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("pagination token");
        assertThatThrownBy(() -> pinpoint.getCampaigns(b -> b.applicationId("0".repeat(32))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletedCampaignIsGoneWithItsVersions(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        CampaignResponse v1 = create(pinpoint, app, valid(app).build());
        CampaignResponse v2 = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())
                .writeCampaignRequest(r -> r.name("v2"))).campaignResponse();
        CampaignResponse other = create(pinpoint, app, valid(app).build());

        CampaignResponse deleted = pinpoint.deleteCampaign(b -> b.applicationId(app.id()).campaignId(v1.id()))
                .campaignResponse();

        assertThat(deleted).isEqualTo(v2);
        assertThatThrownBy(() -> pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(v1.id())
                .version("1"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deleteCampaign(b -> b.applicationId(app.id()).campaignId(v1.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getCampaigns(b -> b.applicationId(app.id())).campaignsResponse().item())
                .extracting(CampaignResponse::id).containsExactly(other.id());
    }

    static Stream<Arguments> invalidCampaigns() {
        return Stream.of(
                createOnly("missing SegmentId", r -> r.segmentId(null), "SegmentId is required"),
                invalid("unknown segment", r -> r.segmentId("f".repeat(32)), "names no segment"),
                invalid("unknown segment version", r -> r.segmentVersion(7), "SegmentVersion 7"),
                createOnly("missing Schedule", r -> r.schedule((software.amazon.awssdk.services.pinpoint.model.Schedule) null),
                        "Schedule is required"),
                invalid("missing StartTime", r -> r.schedule(s -> s.frequency(Frequency.ONCE)), "StartTime is required"),
                invalid("malformed StartTime", r -> r.schedule(s -> s.startTime("tomorrow")), "StartTime must be"),
                invalid("StartTime in the past", r -> r.schedule(s -> s.startTime(inHours(-1))), "in the past"),
                invalid("EndTime before StartTime", r -> r.schedule(s -> s.startTime(inHours(5)).endTime(inHours(4))),
                        "EndTime"),
                invalid("unknown Frequency", r -> r.schedule(s -> s.startTime(inHours(1)).frequency("YEARLY")),
                        "YEARLY"),
                invalid("EVENT without EventFilter", r -> r.schedule(s -> s.startTime(inHours(1))
                        .frequency(Frequency.EVENT)), "EventFilter is required"),
                invalid("IN_APP_EVENT", r -> r.schedule(s -> s.startTime(inHours(1))
                        .frequency(Frequency.IN_APP_EVENT)), "IN_APP_EVENT"),
                invalid("bad Timezone", r -> r.schedule(s -> s.startTime(inHours(1)).timezone("UTC-5")),
                        "Schedule.Timezone"),
                invalid("unknown IANA Timezone", r -> r.schedule(s -> s.startTime(inHours(1)).timezone("Mars/Olympus")),
                        "Schedule.Timezone"),
                invalid("half a QuietTime", r -> r.schedule(s -> s.startTime(inHours(1)).quietTime(q -> q.start("22:00"))),
                        "QuietTime"),
                invalid("treatments and holdout over 100", r -> r.holdoutPercent(30).additionalTreatments(
                        treatment(40), treatment(31)), "add up to 101"),
                invalid("treatment without SizePercent", r -> r.additionalTreatments(WriteTreatmentResource.builder()
                        .messageConfiguration(m -> m.gcmMessage(g -> g.body("x"))).build()), "SizePercent is required"),
                invalid("HoldoutPercent over 100", r -> r.holdoutPercent(101), "HoldoutPercent"),
                createOnly("no message", r -> r.messageConfiguration(
                        (software.amazon.awssdk.services.pinpoint.model.MessageConfiguration) null), "is required"),
                invalid("message for a channel the app has not enabled", r -> r.messageConfiguration(m -> m
                        .apnsMessage(a -> a.body("iOS only"))), "reaches no channel the application has enabled"),
                invalid("treatment message for a channel the app has not enabled", r -> r.additionalTreatments(
                        WriteTreatmentResource.builder().sizePercent(10).messageConfiguration(m -> m
                                .baiduMessage(a -> a.body("Baidu only"))).build()), "AdditionalTreatments[0]"),
                invalid("email message", r -> r.messageConfiguration(m -> m.gcmMessage(g -> g.body("x"))
                        .emailMessage(e -> e.body("mail"))), "EmailMessage"),
                invalid("unknown push template", r -> r.templateConfiguration(t -> t.pushTemplate(p -> p.name("nope-"
                        + UUID.randomUUID()))), "PushTemplate"),
                invalid("SMS template", r -> r.templateConfiguration(t -> t.smsTemplate(p -> p.name("sms"))),
                        "SMSTemplate"),
                invalid("hook without target", r -> r.hook(h -> h.mode(Mode.FILTER)), "LambdaFunctionName or a WebUrl"),
                invalid("hook over plain http", r -> r.hook(h -> h.mode(Mode.FILTER).webUrl("http://example.com/h")),
                        "https"),
                invalid("Limits out of range", r -> r.limits(l -> l.messagesPerSecond(0)), "MessagesPerSecond"),
                invalid("custom channel without DeliveryUri", r -> r.customDeliveryConfiguration(c -> c
                        .endpointTypes(EndpointTypesElement.GCM)), "DeliveryUri"));
    }

    private static Arguments invalid(String name, UnaryOperator<WriteCampaignRequest.Builder> change, String message) {
        return Arguments.of(name, change, message, true);
    }

    /** A member left out of an update keeps its stored value, so leaving it out is wrong only on create. */
    private static Arguments createOnly(String name, UnaryOperator<WriteCampaignRequest.Builder> change, String message) {
        return Arguments.of(name, change, message, false);
    }

    private static WriteTreatmentResource treatment(int sizePercent) {
        return WriteTreatmentResource.builder().sizePercent(sizePercent)
                .messageConfiguration(m -> m.gcmMessage(g -> g.body("variant"))).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCampaigns")
    void invalidCampaignIsRefusedAndNothingIsWritten(String name, UnaryOperator<WriteCampaignRequest.Builder> change,
                                                     String message, boolean onUpdate, PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        CampaignResponse existing = create(pinpoint, app, valid(app).build());

        assertThatThrownBy(() -> create(pinpoint, app, change.apply(valid(app)).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining(message);
        if (onUpdate) {
            assertThatThrownBy(() -> pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(existing.id())
                    .writeCampaignRequest(change.apply(valid(app)).build())))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining(message);
        }

        assertThat(pinpoint.getCampaigns(b -> b.applicationId(app.id())).campaignsResponse().item())
                .as("no campaign created").containsExactly(existing);
        assertThat(pinpoint.getCampaignVersions(b -> b.applicationId(app.id()).campaignId(existing.id()))
                .campaignsResponse().item()).as("no version added").containsExactly(existing);
    }

    @Test
    void updateWithoutScheduleKeepsAStartTimeThatHasPassed(PinpointClient pinpoint, LocalServer server) {
        App app = newApp(pinpoint);
        CampaignResponse created = create(pinpoint, app, valid(app).build());
        // The campaign as the runner leaves it: started an hour ago and COMPLETED. Written to the store directly,
        // since the API refuses a past StartTime.
        String past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        CampaignStore store = (CampaignStore) server.pinpush().campaignVersions();
        io.pinpush.campaigns.CampaignResponse v1 = store.latest(app.id(), created.id()).orElseThrow();
        io.pinpush.campaigns.CampaignResponse started = Json.read(Json.write(v1)
                .replace(v1.schedule().startTime(), past).replace("\"Version\":1", "\"Version\":2"),
                io.pinpush.campaigns.CampaignResponse.class);
        assertThat(store.campaigns().addVersion(v1, started)).isTrue();
        store.changeStatus(started, io.pinpush.campaigns.CampaignStatus.COMPLETED).orElseThrow();

        CampaignResponse renamed = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(created.id())
                .writeCampaignRequest(r -> r.name("renamed"))).campaignResponse();
        CampaignResponse withTreatment = pinpoint.updateCampaign(b -> b.applicationId(app.id())
                .campaignId(created.id()).writeCampaignRequest(r -> r.additionalTreatments(treatment(20))))
                .campaignResponse();
        CampaignResponse rescheduled = pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(created.id())
                .writeCampaignRequest(r -> r.schedule(s -> s.startTime("IMMEDIATE")))).campaignResponse();

        assertThat(renamed.schedule().startTime()).isEqualTo(past);
        assertThat(renamed.state().campaignStatus()).as("a rename does not rerun a finished campaign")
                .isEqualTo(CampaignStatus.COMPLETED);
        assertThat(withTreatment.additionalTreatments()).extracting(t -> t.sizePercent()).containsExactly(20);
        assertThat(rescheduled.state().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(rescheduled.version()).isEqualTo(5);
        assertThatThrownBy(() -> pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(created.id())
                .writeCampaignRequest(r -> r.schedule(s -> s.startTime(past)))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("in the past");
    }

    @Test
    void statusChangeIsACompareAndSetOnVersionAndStatus(PinpointClient pinpoint, LocalServer server) {
        App app = newApp(pinpoint);
        CampaignResponse created = create(pinpoint, app, valid(app).build());
        CampaignVersions versions = server.pinpush().campaignVersions();
        io.pinpush.campaigns.CampaignResponse seen = versions.latest(app.id(), created.id()).orElseThrow();

        io.pinpush.campaigns.CampaignResponse executing = versions.changeStatus(seen,
                io.pinpush.campaigns.CampaignStatus.EXECUTING).orElseThrow();

        assertThat(versions.changeStatus(seen, io.pinpush.campaigns.CampaignStatus.COMPLETED))
                .as("a stale status loses").isEmpty();
        pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(created.id())
                .writeCampaignRequest(r -> r.description("changed while running")));
        assertThat(versions.changeStatus(executing, io.pinpush.campaigns.CampaignStatus.COMPLETED))
                .as("a stale version loses").isEmpty();
        CampaignResponse read = pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(created.id()))
                .campaignResponse();
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.state().campaignStatus()).as("the update kept the runner's status")
                .isEqualTo(CampaignStatus.EXECUTING);
        assertThat(pinpoint.getCampaignVersion(b -> b.applicationId(app.id()).campaignId(created.id()).version("1"))
                .campaignResponse().state().campaignStatus()).isEqualTo(CampaignStatus.EXECUTING);
    }

    @Test
    void activitiesTheRunnerRecordsAreListedNewestFirst(PinpointClient pinpoint, LocalServer server) {
        App app = newApp(pinpoint);
        CampaignResponse campaign = create(pinpoint, app, valid(app).build());
        CampaignActivities activities = server.pinpush().campaignActivities();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = ActivityIds.newId(start.plusSeconds(i));
            ids.add(id);
            assertThat(activities.record(activity(app.id(), campaign.id(), id, "PENDING"), 1)).isTrue();
        }
        assertThat(activities.record(activity(app.id(), campaign.id(), ids.get(2), "COMPLETED"), 3)).isTrue();
        assertThat(activities.record(activity(app.id(), campaign.id(), ids.get(2), "RUNNING"), 2))
                .as("an older revision, published late, is superseded").isTrue();

        var first = pinpoint.getCampaignActivities(b -> b.applicationId(app.id()).campaignId(campaign.id())
                .pageSize("2")).activitiesResponse();
        var second = pinpoint.getCampaignActivities(b -> b.applicationId(app.id()).campaignId(campaign.id())
                .pageSize("2").token(first.nextToken())).activitiesResponse();

        assertThat(first.item()).extracting(ActivityResponse::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.item().get(0).state()).as("the highest revision of an activity is the one listed").isEqualTo("COMPLETED");
        assertThat(first.item().get(0).totalEndpointCount()).isEqualTo(10);
        assertThat(first.item().get(0).treatmentId()).isEqualTo("0");
        assertThat(second.item()).extracting(ActivityResponse::id).containsExactly(ids.get(0));
        assertThat(second.nextToken()).isNull();
        assertThat(activities.record(activity(app.id(), "f".repeat(32), ids.get(0), "PENDING"), 1))
                .as("no activity for a campaign that does not exist").isFalse();
        assertThatThrownBy(() -> pinpoint.getCampaignActivities(b -> b.applicationId(app.id())
                .campaignId("f".repeat(32)))).isInstanceOf(NotFoundException.class);

        pinpoint.deleteCampaign(b -> b.applicationId(app.id()).campaignId(campaign.id()));
        assertThat(activities.record(activity(app.id(), campaign.id(), ids.get(0), "RUNNING"), 2))
                .as("a run of a deleted campaign records nothing").isFalse();
        assertThat(activities.list(app.id(), campaign.id(), io.pinpush.api.PageRequest.first(10)).items())
                .as("deleted with the campaign").isEmpty();
    }

    private static io.pinpush.campaigns.ActivityResponse activity(String app, String campaign, String id, String state) {
        return new io.pinpush.campaigns.ActivityResponse(app, campaign, null, id, null, "2026-12-01T10:00:00.000Z",
                "2026-12-01T10:00:01.000Z", state, 9, 1, 1, 10, "0", Map.of("SendAttempts", "10"));
    }

    @Test
    void campaignArnsCanBeTagged(PinpointClient pinpoint) {
        App app = newApp(pinpoint);
        CampaignResponse campaign = create(pinpoint, app, valid(app).tags(Map.of("team", "growth")).build());

        pinpoint.tagResource(b -> b.resourceArn(campaign.arn()).tagsModel(t -> t.tags(Map.of("stage", "beta"))));
        pinpoint.untagResource(b -> b.resourceArn(campaign.arn()).tagKeys("team"));

        assertThat(pinpoint.listTagsForResource(b -> b.resourceArn(campaign.arn())).tagsModel().tags())
                .isEqualTo(Map.of("stage", "beta"));
        CampaignResponse read = pinpoint.getCampaign(b -> b.applicationId(app.id()).campaignId(campaign.id()))
                .campaignResponse();
        assertThat(read.tags()).isEqualTo(Map.of("stage", "beta"));
        assertThat(read.version()).as("tags are not a new version").isEqualTo(1);
        // Tags in an update are not processed, as Pinpoint stopped processing them in 2023.
        pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(campaign.id())
                .writeCampaignRequest(r -> r.name("renamed").tags(Map.of("team", "other"))));
        assertThat(pinpoint.listTagsForResource(b -> b.resourceArn(campaign.arn())).tagsModel().tags())
                .isEqualTo(Map.of("stage", "beta"));
        String unknown = campaign.arn().replace(campaign.id(), "f".repeat(32));
        assertThatThrownBy(() -> pinpoint.listTagsForResource(b -> b.resourceArn(unknown)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingTheAppDeletesItsCampaignsVersionsAndActivities(PinpointClient pinpoint, LocalServer server) {
        App app = newApp(pinpoint);
        CampaignResponse campaign = create(pinpoint, app, valid(app).build());
        pinpoint.updateCampaign(b -> b.applicationId(app.id()).campaignId(campaign.id())
                .writeCampaignRequest(r -> r.name("v2")));
        server.pinpush().campaignActivities().record(activity(app.id(), campaign.id(),
                ActivityIds.newId(Instant.now()), "RUNNING"), 1);

        pinpoint.deleteApp(b -> b.applicationId(app.id()));

        var dynamo = server.pinpush().aws().dynamoDb();
        String table = server.pinpush().config().tableName(Tables.CAMPAIGNS.logicalName());
        assertThat(dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(app.id())))).count()).isZero();
    }
}
