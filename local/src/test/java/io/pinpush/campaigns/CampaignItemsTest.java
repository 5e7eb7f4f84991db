package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** The campaigns table's items as deployed tables already hold them: the keys and attributes of each kind. */
@ExtendWith(PinpushExtension.class)
class CampaignItemsTest {

    @Test
    void headVersionsAndActivitiesKeepTheirLayout(LocalServer server, PinpointClient pinpoint) {
        CampaignResponse campaign = StoredCampaign.create(server, pinpoint, "c1", CampaignStatus.SCHEDULED);
        String appId = campaign.applicationId();
        CampaignStore store = StoredCampaign.store(server);
        String activityId = ActivityIds.newId(Instant.parse("2026-12-05T00:00:00Z"));

        assertThat(store.changeStatus(campaign, CampaignStatus.EXECUTING)).isPresent();
        assertThat(store.record(new ActivityResponse(appId, "c1", null, activityId, null, null, null, "RUNNING",
                0, 0, 1, 0, "0", null), 7)).isTrue();

        DynamoDbClient dynamoDb = server.pinpush().aws().dynamoDb();
        String table = server.pinpush().config().tableName(Tables.CAMPAIGNS.logicalName());
        for (String sortKey : List.of("campaign#c1", "version#c1#0000000001")) {
            assertThat(item(dynamoDb, table, appId, sortKey)).as(sortKey)
                    .containsOnlyKeys("pk", "sk", "version", "status", Items.DOC)
                    .containsEntry("version", AttributeValue.fromN("1"))
                    .containsEntry("status", AttributeValue.fromS("EXECUTING"));
        }
        assertThat(item(dynamoDb, table, appId, "activity#c1#" + activityId))
                .containsOnlyKeys("pk", "sk", "revision", Items.DOC)
                .containsEntry("revision", AttributeValue.fromN("7"));
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String table, String appId, String sortKey) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", Items.s(appId), "sk", Items.s(sortKey)))
                .consistentRead(true)).item();
    }
}
