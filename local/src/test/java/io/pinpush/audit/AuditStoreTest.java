package io.pinpush.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.PageRequest;
import io.pinpush.config.PinpushConfig;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit table's day partitions on DynamoDB Local: "the last N days", paged across days, and the TTL. */
@ExtendWith(PinpushExtension.class)
class AuditStoreTest {

    private static final Instant NOON = Instant.parse("2026-06-15T12:00:00Z");

    @Test
    void theLastNDaysArePagedNewestFirstAcrossDayPartitions(LocalServer server) {
        AuditStore store = store(server, Map.of());
        String appId = "app-" + UUID.randomUUID();
        List<String> written = new ArrayList<>();
        for (int daysAgo : new int[] {3, 1, 1, 0, 0, 0}) {
            Instant at = NOON.minus(Duration.ofDays(daysAgo)).plusMillis(written.size());
            String requestId = "request-" + written.size();
            store.put(record(appId, requestId, at), at);
            written.add(requestId);
        }
        LocalDate today = LocalDate.ofInstant(NOON, ZoneOffset.UTC);

        List<String> lastTwoDays = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<AuditRecord> page = store.recent(appId, 2, today, new PageRequest(2, token));
            page.items().forEach(r -> lastTwoDays.add(r.requestId()));
            token = Optional.ofNullable(page.nextToken());
            pages++;
        } while (token.isPresent() && pages < 10);
        assertThat(lastTwoDays).containsExactly("request-5", "request-4", "request-3", "request-2", "request-1");

        assertThat(store.recent(appId, 4, today, new PageRequest(100, Optional.empty())).items())
                .extracting(AuditRecord::requestId).containsExactly("request-5", "request-4", "request-3", "request-2",
                        "request-1", "request-0");
        assertThat(store.recent(appId, 1, today, new PageRequest(100, Optional.empty())).items()).hasSize(3);
        assertThat(store.recent(null, 4, today, new PageRequest(100, Optional.empty())).items())
                .as("another scope").noneMatch(r -> appId.equals(r.applicationId()));
    }

    @Test
    void recordsExpireAfterTheConfiguredRetention(LocalServer server) {
        AuditStore store = store(server, Map.of("PINPUSH_AUDIT_RETENTION", "P30D"));
        assertThat(store.retentionDays()).isEqualTo(30);
        String appId = "app-" + UUID.randomUUID();
        store.put(record(appId, "request-ttl", NOON), NOON);

        String table = server.pinpush().config().tableName(Tables.AUDIT.logicalName());
        var item = server.pinpush().aws().dynamoDb().query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s("app#" + appId + "#2026-06-15")))).items();
        assertThat(item).singleElement().satisfies(i -> assertThat(Items.number(i, "expiresAt", 0))
                .isEqualTo(NOON.plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(store(server, Map.of()).retentionDays()).as("default").isEqualTo(90);
    }

    private static AuditStore store(LocalServer server, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(server.pinpush().config().values());
        values.putAll(settings);
        return new AuditStore(server.pinpush().aws().dynamoDb(), new PinpushConfig(values));
    }

    private static AuditRecord record(String appId, String requestId, Instant at) {
        return new AuditRecord(at.toString(), "UpdateEndpoint", "arn:aws:mobiletargeting:us-east-1:000000000000:apps/"
                + appId + "/endpoints/e", appId, "anonymous", "127.0.0.1", null, requestId, 202, "SUCCESS", null);
    }
}
