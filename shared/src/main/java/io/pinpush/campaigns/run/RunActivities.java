package io.pinpush.campaigns.run;

import io.pinpush.campaigns.ActivityResponse;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The runner's {@link ActivityLog}: each activity's counters and state live in one item of the {@code campaignruns}
 * table ({@code pk = activity#<id>}, {@code sk = "activity"}), changed only by atomic UpdateItems (ADD for the
 * counters), so concurrent runners and dispatchers never lose a count. After every change the item as it now is
 * (ReturnValues ALL_NEW) is published as an ActivityResponse to the campaign store, which GetCampaignActivities
 * reads. Every change also adds one to the item's {@code revision}, published with it: concurrent changes publish
 * in any order, and the store keeps the highest revision, so a late, older snapshot cannot hide newer counts.
 */
public final class RunActivities implements ActivityLog {

    private static final Logger LOG = LoggerFactory.getLogger(RunActivities.class);
    private static final Duration KEEP = Duration.ofDays(90);
    private static final String SK = "activity";
    private static final String REVISION = "revision";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Publisher publish;

    /** Writes an activity where GetCampaignActivities reads it (the campaign store's {@code record}). */
    @FunctionalInterface
    public interface Publisher {
        /** @return false when the campaign is gone */
        boolean publish(ActivityResponse activity, long revision);
    }

    public RunActivities(DynamoDbClient dynamoDb, PinpushConfig config, Publisher publish) {
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
        item.put(REVISION, Items.n(1));
        if (timezonesTotal != null) {
            item.put("timezonesTotal", Items.n(timezonesTotal));
        }
        item.put("expiresAt", Items.n(start.plus(KEEP).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            publish(item);
        } catch (ConditionalCheckFailedException alreadyStarted) {
            // A redone tick: the activity and its counts stand.
        }
    }

    @Override
    public void timezonesTotal(String appId, String campaignId, String activityId, int timezones) {
        update(activityId, "timezonesTotal = :n", null, Map.of(":n", Items.n(timezones))).ifPresent(this::publish);
    }

    @Override
    public void add(String appId, String campaignId, String activityId, long totalEndpoints, long successfulEndpoints,
                    long timezonesCompleted) {
        update(activityId, null, "#total :t, successful :s, timezonesDone :z", Map.of(":t", Items.n(totalEndpoints),
                ":s", Items.n(successfulEndpoints), ":z", Items.n(timezonesCompleted))).ifPresent(this::publishAdded);
    }

    @Override
    public void finished(String appId, String campaignId, String activityId, State state, Instant end, String result) {
        update(activityId, "#state = :state, #end = :end, #result = :result", null, Map.of(":state", Items.s(state.name()),
                ":end", Items.s(end.toString()), ":result", Items.s(result))).ifPresent(this::publish);
    }

    /**
     * One atomic change: the {@code set} and {@code add} clauses (either may be null), and the revision's step.
     *
     * @return the activity after it, to publish; empty when there is no such activity
     */
    private Optional<Map<String, AttributeValue>> update(String activityId, String set, String add,
                                                         Map<String, AttributeValue> changes) {
        String expression = (set == null ? "" : "SET " + set + " ") + "ADD " + (add == null ? "" : add + ", ")
                + REVISION + " :one";
        Map<String, AttributeValue> values = new HashMap<>(changes);
        values.put(":one", Items.n(1));
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
            return Optional.of(after);
        } catch (ConditionalCheckFailedException unknown) {
            // An activity this deployment never started (or long expired): nothing to count.
            return Optional.empty();
        }
    }

    /**
     * Publishes counts that are already added. A failure is not the addition's: thrown, it would have the caller add
     * them again (an ADD twice). The activity's next change publishes its counts as they then are. (A failed publish
     * of a SET, such as the activity's end, is thrown: written again, it changes nothing twice.)
     */
    private void publishAdded(Map<String, AttributeValue> item) {
        try {
            publish(item);
        } catch (RuntimeException e) {
            LOG.warn("Activity {} changed, but its copy in GetCampaignActivities could not be updated; the next change "
                    + "updates it", Items.string(item, "pk"), e);
        }
    }

    private void publish(Map<String, AttributeValue> item) {
        publish.publish(response(item), Items.number(item, REVISION, 0));
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
