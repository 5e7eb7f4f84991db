package io.pinpush.campaigns.run;

import io.pinpush.campaigns.ActivityResponse;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The runner's {@link ActivityLog}: each activity's counters and state live in one item of the {@code campaignruns}
 * table ({@code pk = activity#<id>}, {@code sk = "activity"}), changed only by atomic UpdateItems (ADD for the
 * counters), so concurrent runners and dispatchers never lose a count. After every change the item as it now is
 * (ReturnValues ALL_NEW) is published as an ActivityResponse to the campaign store, which GetCampaignActivities
 * reads.
 */
public final class RunActivities implements ActivityLog {

    private static final Duration KEEP = Duration.ofDays(90);
    private static final String SK = "activity";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Predicate<ActivityResponse> publish;

    /** @param publish writes the activity where GetCampaignActivities reads it; false when the campaign is gone */
    public RunActivities(DynamoDbClient dynamoDb, PinpushConfig config, Predicate<ActivityResponse> publish) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.CAMPAIGN_RUNS.logicalName());
        this.publish = publish;
    }

    @Override
    public void started(String appId, String campaignId, String activityId, String treatmentId, Instant scheduledStart,
                        Instant start, Integer timezonesTotal) {
        Map<String, AttributeValue> item = new HashMap<>(key(activityId));
        item.put("appId", Items.s(appId));
        item.put("campaignId", Items.s(campaignId));
        item.put("treatmentId", Items.s(treatmentId));
        item.put("scheduledStart", Items.s(scheduledStart.toString()));
        item.put("start", Items.s(start.toString()));
        item.put("state", Items.s(State.RUNNING.name()));
        item.put("total", Items.n(0));
        item.put("successful", Items.n(0));
        item.put("timezonesDone", Items.n(0));
        if (timezonesTotal != null) {
            item.put("timezonesTotal", Items.n(timezonesTotal));
        }
        item.put("expiresAt", Items.n(start.plus(KEEP).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            publish.test(response(item));
        } catch (ConditionalCheckFailedException alreadyStarted) {
            // A redone tick: the activity and its counts stand.
        }
    }

    @Override
    public void timezonesTotal(String appId, String campaignId, String activityId, int timezones) {
        update(activityId, "SET timezonesTotal = :n", Map.of(":n", Items.n(timezones)));
    }

    @Override
    public void add(String appId, String campaignId, String activityId, long totalEndpoints, long successfulEndpoints,
                    long timezonesCompleted) {
        update(activityId, "ADD #total :t, successful :s, timezonesDone :z", Map.of(":t", Items.n(totalEndpoints),
                ":s", Items.n(successfulEndpoints), ":z", Items.n(timezonesCompleted)));
    }

    @Override
    public void finished(String appId, String campaignId, String activityId, State state, Instant end, String result) {
        update(activityId, "SET #state = :state, #end = :end, #result = :result", Map.of(":state", Items.s(state.name()),
                ":end", Items.s(end.toString()), ":result", Items.s(result)));
    }

    private void update(String activityId, String expression, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>();
        for (String name : new String[] {"total", "state", "end", "result"}) {
            if (expression.contains("#" + name)) {
                names.put("#" + name, name);
            }
        }
        try {
            Map<String, AttributeValue> after = dynamoDb.updateItem(b -> b.tableName(table).key(key(activityId))
                    .updateExpression(expression).conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            publish.test(response(after));
        } catch (ConditionalCheckFailedException unknown) {
            // An activity this deployment never started (or long expired): nothing to count.
        }
    }

    static ActivityResponse response(Map<String, AttributeValue> item) {
        String id = Items.string(item, "pk").substring("activity#".length());
        Long timezonesTotal = item.containsKey("timezonesTotal") ? Items.number(item, "timezonesTotal", 0) : null;
        return new ActivityResponse(Items.string(item, "appId"), Items.string(item, "campaignId"),
                Items.string(item, "end"), id, Items.string(item, "result"), Items.string(item, "scheduledStart"),
                Items.string(item, "start"), Items.string(item, "state"), (int) Items.number(item, "successful", 0),
                (int) Items.number(item, "timezonesDone", 0), timezonesTotal == null ? null : timezonesTotal.intValue(),
                (int) Items.number(item, "total", 0), Items.string(item, "treatmentId"), null);
    }

    private static Map<String, AttributeValue> key(String activityId) {
        return Map.of("pk", Items.s("activity#" + activityId), "sk", Items.s(SK));
    }
}
