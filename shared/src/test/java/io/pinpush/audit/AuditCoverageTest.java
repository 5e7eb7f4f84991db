package io.pinpush.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.Pinpush;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.ApiResponse;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.events.StreamRecord;
import io.pinpush.secrets.FileSecretStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the composition root is covered by the audit trail as the README says: each non-GET route but the
 * data plane leaves exactly one record naming its operation and resource, GETs leave none. Routes come from
 * {@link Pinpush#apiRoutes()} itself, so an operation another engineer adds is checked the day it appears.
 */
class AuditCoverageTest {

    private static final String ARN_PREFIX = "arn:aws:mobiletargeting:us-east-1:000000000000:";
    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30.123Z");

    private static List<Route> routes;

    @BeforeAll
    static void routeTable(@TempDir Path secrets) {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true"));
        try (AwsClients aws = new AwsClients(config)) {
            routes = new Pinpush(config, aws, new FileSecretStore(secrets), Clock.systemUTC()).apiRoutes();
        }
    }

    @Test
    void everyNonGetRouteButTheDataPlaneLeavesOneRecordAndNoGetLeavesAny() {
        List<AuditRecord> table = new ArrayList<>();
        List<StreamRecord> stream = new ArrayList<>();
        AuditTrail trail = new AuditTrail((record, at) -> table.add(record), stream::add, "us-east-1", "000000000000",
                Clock.fixed(NOW, ZoneOffset.UTC));
        // The real templates, methods and operation names; handlers that answer without a store.
        Router router = new Router(routes.stream()
                .map(r -> new Route(r.operation(), r.method(), r.path(), r.successStatus(), req -> null)).toList(),
                List.of(), List.of(trail));

        int audited = 0;
        for (Route route : routes) {
            table.clear();
            stream.clear();
            ApiResponse response = router.handle(request(route));
            assertThat(response.status()).as("%s routed to itself", route.operation()).isEqualTo(route.successStatus());

            if (route.method().equals("GET") || AuditTrail.DATA_PLANE.contains(route.operation())) {
                assertThat(table).as("%s leaves no record", route.operation()).isEmpty();
                assertThat(stream).as("%s streams nothing", route.operation()).isEmpty();
                continue;
            }
            audited++;
            assertThat(table).as("%s is audited", route.operation()).singleElement().satisfies(record -> {
                assertThat(record.operation()).isEqualTo(route.operation());
                assertThat(record.resourceArn()).startsWith(ARN_PREFIX).doesNotContain("{").doesNotContain("}");
                assertThat(record.requestId()).isEqualTo("request-" + route.operation());
                assertThat(record.caller()).isEqualTo("arn:aws:iam::000000000000:user/auditor");
                assertThat(record.sourceIp()).isEqualTo("192.0.2.7");
                assertThat(record.statusCode()).isEqualTo(route.successStatus());
                assertThat(record.outcome()).isEqualTo("SUCCESS");
                assertThat(record.errorType()).isNull();
                assertThat(record.eventTime()).isEqualTo("2026-12-04T10:15:30.123Z");
                if (route.path().segments().contains("{application-id}")) {
                    assertThat(record.applicationId()).isEqualTo("app-1");
                }
            });
            assertThat(stream).singleElement().satisfies(record -> {
                assertThat(record.appId()).as("deployment stream only").isNull();
                assertThat(record.event().eventType()).isEqualTo("_audit." + route.operation());
            });
        }
        assertThat(audited).as("the route table has mutating routes").isGreaterThan(10);
        assertThat(routes.stream().map(Route::operation).collect(Collectors.toSet()))
                .as("every exemption names a real operation").containsAll(AuditTrail.DATA_PLANE);
    }

    @Test
    void resourceArnsFollowPinpointsCatalogue() {
        assertThat(arnOf("UpdateApnsChannel")).isEqualTo(ARN_PREFIX + "apps/app-1/channels/apns");
        assertThat(arnOf("UpdateEndpoint")).isEqualTo(ARN_PREFIX + "apps/app-1/endpoints/endpoint-id-value");
        assertThat(arnOf("DeleteSegment")).isEqualTo(ARN_PREFIX + "apps/app-1/segments/segment-id-value");
        assertThat(arnOf("CreatePushTemplate")).isEqualTo(ARN_PREFIX + "templates/template-name-value/PUSH");
        assertThat(arnOf("DeleteApp")).isEqualTo(ARN_PREFIX + "apps/app-1");
        assertThat(arnOf("TagResource")).as("the ARN the path names").isEqualTo(ARN_PREFIX + "apps/app-1");
    }

    private static String arnOf(String operation) {
        Route route = routes.stream().filter(r -> r.operation().equals(operation)).findFirst().orElseThrow();
        List<AuditRecord> table = new ArrayList<>();
        new Router(List.of(new Route(route.operation(), route.method(), route.path(), route.successStatus(),
                req -> null)), List.of(), List.of(new AuditTrail((record, at) -> table.add(record), r -> { },
                "us-east-1", "000000000000", Clock.fixed(NOW, ZoneOffset.UTC)))).handle(request(route));
        assertThat(table).hasSize(1);
        return table.get(0).resourceArn();
    }

    /** A call of {@code route} with every path variable filled in. */
    private static ApiRequest request(Route route) {
        String path = route.path().segments().stream().map(segment -> switch (segment) {
            case "{application-id}" -> "app-1";
            case "{resource-arn}" -> URLEncoder.encode(ARN_PREFIX + "apps/app-1", StandardCharsets.UTF_8);
            case "{template-type}" -> "PUSH";
            default -> segment.startsWith("{") ? segment.substring(1, segment.length() - 1) + "-value" : segment;
        }).collect(Collectors.joining("/", "/", ""));
        return new ApiRequest(route.method(), path, Map.of("user-agent", "aws-cli/1.36"), Map.of(), "{}", Map.of(),
                "request-" + route.operation(), "192.0.2.7", "arn:aws:iam::000000000000:user/auditor");
    }
}
