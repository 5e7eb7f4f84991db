package io.pinpush.campaigns.run;

import io.pinpush.api.Json;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import io.pinpush.store.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@code campaignruns} table ({@link Tables#CAMPAIGN_RUNS}): next runs, runs, slices, shard-done markers and
 * per-endpoint send claims. Every state change is a conditional write, so ticks and runners on many Lambda
 * instances can run at once and retry freely.
 */
public final class RunStore {

    static final String DUE = "due";
    private static final String NEXT = "next";
    /** On a run: its end is written whole (see {@link #closeRun}). */
    private static final String CLOSED = "closed";
    /** On the next-run item: the last run has started (see {@link #lastRunStarted}). */
    private static final String ENDED = "ended";
    /** The condition of the schedule's writes: no later campaign version's is there (see {@link #armNext}). */
    private static final String NOT_LATER = "attribute_not_exists(cv) OR cv <= :v";
    /** Runs and claims are kept this long after they are written, then removed by TTL. */
    private static final Duration KEEP = Duration.ofDays(30);
    /** Tries of a shard's or a slice's count against other writers' transactions on the same item. */
    private static final int MAX_COUNT_ATTEMPTS = 8;

    /** Something waiting for its time: a campaign's next run or a run's slice. */
    public record Due(String pk, String sk, String dueAt) {

        boolean isNextRun() {
            return NEXT.equals(sk);
        }

        String appId() {
            return pk.substring(0, pk.indexOf('#'));
        }

        String campaignId() {
            return pk.substring(pk.indexOf('#') + 1);
        }
    }

    /**
     * A campaign's next run. Its number names the run's records, activities and KPIs and only goes up; its
     * {@code slot} is which run of the current schedule's {@link RunCalendar} it is. The two part when the schedule
     * changes: the calendar starts again from the new StartTime, the numbering goes on.
     *
     * @param previousStart when the run before it started (for anyone), null before the first: a new schedule
     *                      picks up with its first run after this ({@link RunCalendar#firstAfter})
     * @param dueAt         when the tick should start it; null while parked (a paused campaign)
     * @param calendar      the {@link RunCalendar#key} of the calendar {@code slot} counts in; null in items written
     *                      before it was kept
     */
    public record NextRun(int runNumber, int slot, Instant previousStart, Instant dueAt, String calendar) {

        /** Run 0 of a campaign that has not run yet. */
        static final NextRun FIRST = new NextRun(0, 0, null, null, null);

        /** Whether {@code slot} counts in {@code other} (an item that does not say is taken to). */
        boolean countsIn(RunCalendar other) {
            return calendar == null || calendar.equals(other.key());
        }

        /** Whether a run has started before this one: ending the schedule then marks it, rather than removing it. */
        boolean hasRunsBehind() {
            return runNumber > 0;
        }

        NextRun at(int slot, Instant dueAt, RunCalendar in) {
            return new NextRun(runNumber, slot, previousStart, dueAt, in.key());
        }

        /** The run after this one, in {@code slot}, once this one started at {@code started}; not yet due. */
        NextRun following(Instant started, int slot) {
            return new NextRun(runNumber + 1, slot, started, null, calendar);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public RunStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.CAMPAIGN_RUNS.logicalName());
    }

    // ---- next runs -------------------------------------------------------------------------------------------

    /*
     * The schedule's writes below carry the campaign version they follow ("cv") and are refused over a later
     * version's: two UpdateCampaigns of one campaign (a pause, then a resume) tell the scheduler in either order, and
     * the later version's schedule stands. Items written before versions were kept have none, and give way.
     */

    /** Arms {@code next} (its dueAt set) for campaign version {@code version}; false over a later one. */
    public boolean armNext(String appId, String campaignId, NextRun next, int version) {
        Map<String, AttributeValue> item = nextItem(appId, campaignId, next, version);
        item.put("dueKey", Items.s(DUE));
        item.put("dueAt", Items.s(dueKey(next.dueAt())));
        return putUnlessLater(item, version);
    }

    /** Keeps the next run but takes it off the schedule (a paused campaign); false over a later version. */
    public boolean parkNext(String appId, String campaignId, NextRun next, int version) {
        return putUnlessLater(nextItem(appId, campaignId, next, version), version);
    }

    /**
     * Every run has started, for campaign version {@code version}: an update left a campaign with runs behind it no
     * run to start. The same mark as {@link #lastRunStarted}, for the same reason; false over a later version.
     */
    public boolean endRuns(String appId, String campaignId, int version) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(appId, campaignId), NEXT));
        item.put(ENDED, Items.s("true"));
        item.put("cv", Items.n(version));
        return putUnlessLater(item, version);
    }

    /** No more runs for campaign version {@code version} (an EVENT campaign, or one that never ran and has none left). */
    public void disarm(String appId, String campaignId, int version) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(partition(appId, campaignId), NEXT))
                    .conditionExpression(NOT_LATER).expressionAttributeValues(Map.of(":v", Items.n(version))));
        } catch (ConditionalCheckFailedException later) {
            // A later version's schedule stands.
        }
    }

    private Map<String, AttributeValue> nextItem(String appId, String campaignId, NextRun next, int version) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(appId, campaignId), NEXT));
        item.put("run", Items.n(next.runNumber()));
        item.put("slot", Items.n(next.slot()));
        if (next.previousStart() != null) {
            item.put("after", Items.n(next.previousStart().toEpochMilli()));
        }
        if (next.calendar() != null) {
            item.put("cal", Items.s(next.calendar()));
        }
        item.put("cv", Items.n(version));
        return item;
    }

    private boolean putUnlessLater(Map<String, AttributeValue> item, int version) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression(NOT_LATER)
                    .expressionAttributeValues(Map.of(":v", Items.n(version))));
            return true;
        } catch (ConditionalCheckFailedException later) {
            return false;
        }
    }

    /** The next run in a "next" item the tick just leased; empty when it is gone (the campaign was deleted). */
    Optional<NextRun> leasedNext(Due leased) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(leased.pk(), leased.sk()))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() || item.containsKey(ENDED) ? Optional.empty() : Optional.of(nextRun(item));
    }

    private static NextRun nextRun(Map<String, AttributeValue> item) {
        int runNumber = (int) Items.number(item, "run", 0);
        String due = Items.string(item, "dueAt");
        // Items from before slots were kept have none: their run number was the slot.
        return new NextRun(runNumber, (int) Items.number(item, "slot", runNumber),
                item.containsKey("after") ? Instant.ofEpochMilli(Items.number(item, "after", 0)) : null,
                due == null ? null : Instant.ofEpochMilli(Long.parseLong(due)), Items.string(item, "cal"));
    }

    /**
     * Moves the next run from {@code leased} (what this tick holds) on to {@code next}; false when someone else
     * changed it meanwhile (the campaign was updated, paused or deleted): theirs stands.
     */
    boolean advanceNext(Due leased, NextRun next) {
        // Names throughout: "after" is one of DynamoDB's reserved words.
        Map<String, String> names = new HashMap<>(Map.of("#r", "run", "#s", "slot", "#c", "cal"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":r", Items.n(next.runNumber()),
                ":s", Items.n(next.slot()), ":c", Items.s(next.calendar()), ":d", Items.s(dueKey(next.dueAt()))));
        String update = "SET #r = :r, #s = :s, #c = :c, dueAt = :d";
        if (next.previousStart() != null) {
            names.put("#a", "after");
            values.put(":a", Items.n(next.previousStart().toEpochMilli()));
            update += ", #a = :a";
        }
        return conditionalUpdate(leased, update, names, values);
    }

    /**
     * Marks, in place of the next run this tick holds, that the campaign's last run has started; false when it changed
     * meanwhile. The mark lasts as long as the campaign: the run records expire after {@link #KEEP}, and an update
     * made after that must not find a campaign that never ran, and run it again.
     */
    boolean lastRunStarted(Due leased) {
        return conditionalUpdate(leased, "SET " + ENDED + " = :t REMOVE dueKey, dueAt", Map.of(":t", Items.s("true")));
    }

    /** Where a campaign's runs stand: its pending next run, if any, and whether every run has started. */
    public record RunsSoFar(Optional<NextRun> pending, boolean everyRunStarted) {
    }

    /**
     * Where the campaign's runs stand, from one read of its next-run item: pending, marked ended (every run has
     * started), or absent, when every run has started if run 0 is recorded (items written before the mark was kept).
     */
    public RunsSoFar runsSoFar(String appId, String campaignId) {
        Map<String, AttributeValue> item = readNext(appId, campaignId);
        if (item.isEmpty()) {
            return new RunsSoFar(Optional.empty(), run(appId, campaignId, 0).isPresent());
        }
        return item.containsKey(ENDED) ? new RunsSoFar(Optional.empty(), true) : new RunsSoFar(Optional.of(nextRun(item)), false);
    }

    /**
     * Whether the campaign's next-run item carries the ended mark (every run has started, or an update left none to
     * start). Unlike {@link #runsSoFar}, an absent item does not count: an EVENT campaign's has been removed.
     */
    public boolean markedEnded(String appId, String campaignId) {
        return readNext(appId, campaignId).containsKey(ENDED);
    }

    /** The campaign's next-run item, read strongly; empty when there is none. */
    private Map<String, AttributeValue> readNext(String appId, String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(key(partition(appId, campaignId), NEXT)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /** Removes the next run that this tick holds (no run is left, or the campaign is gone); false when it changed. */
    boolean finishNext(Due leased) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(leased.pk(), leased.sk()))
                    .conditionExpression("dueAt = :held").expressionAttributeValues(Map.of(":held", Items.s(leased.dueAt()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    // ---- the due index ---------------------------------------------------------------------------------------

    /** Items due at or before {@code now}, oldest first (eventually consistent: a lease decides who runs one). */
    public List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        var response = dynamoDb.query(b -> b.tableName(table).indexName("byDue")
                .keyConditionExpression("dueKey = :due AND dueAt <= :now")
                .expressionAttributeValues(Map.of(":due", Items.s(DUE), ":now", Items.s(dueKey(now))))
                .limit(limit));
        response.items().forEach(item -> due.add(new Due(Items.string(item, "pk"), Items.string(item, "sk"),
                Items.string(item, "dueAt"))));
        return due;
    }

    /**
     * Claims a due item until {@code until}: only one of several ticks wins it. If the winner dies, the item is
     * due again at {@code until} and the next tick redoes the (idempotent) work.
     *
     * @return the item as held by this tick, or empty when another tick got it first
     */
    public Optional<Due> lease(Due due, Instant until) {
        String held = dueKey(until);
        boolean won = conditionalUpdate(due, "SET dueAt = :lease", Map.of(":lease", Items.s(held)));
        return won ? Optional.of(new Due(due.pk(), due.sk(), held)) : Optional.empty();
    }

    /** Takes a held slice off the schedule: its work items are queued. */
    boolean release(Due held) {
        return conditionalUpdate(held, "REMOVE dueKey, dueAt", Map.of());
    }

    private boolean conditionalUpdate(Due held, String update, Map<String, AttributeValue> values) {
        return conditionalUpdate(held, update, null, values);
    }

    private boolean conditionalUpdate(Due held, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":held", Items.s(held.dueAt()));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(held.pk(), held.sk()))
                    .updateExpression(update).conditionExpression("dueAt = :held")
                    .expressionAttributeValues(all).expressionAttributeNames(names));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    // ---- runs ------------------------------------------------------------------------------------------------

    /** A run as {@link #createRun} left it: {@code finished} when it existed already and is over ({@link #finishesRun}). */
    public record StoredRun(RunRecord run, boolean finished) {
    }

    /** Writes the run unless it exists; returns the stored run either way (a redone tick finds its own). */
    public StoredRun createRun(RunRecord run, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(run.appId(), run.campaignId()), runKey(run.runNumber())));
        item.put(Items.DOC, Items.s(Json.write(run)));
        item.put("slicesTotal", Items.n(run.localTime() ? -1 : 1));
        item.put("slicesDone", Items.n(0));
        item.put("expiresAt", expiresAt(now));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return new StoredRun(run, false);
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> stored = runItem(run);
            return new StoredRun(Json.read(Items.string(stored, Items.DOC), RunRecord.class), stored.containsKey("finished"));
        }
    }

    public Optional<RunRecord> run(String appId, String campaignId, int runNumber) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(key(partition(appId, campaignId), runKey(runNumber))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), RunRecord.class));
    }

    /** Sets how many slices a local-time run has, once its plan is known (the first plan to finish wins). */
    boolean setSlicesTotal(RunRecord run, int slices) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(partition(run.appId(), run.campaignId()),
                            runKey(run.runNumber())))
                    .updateExpression("SET slicesTotal = :n").conditionExpression("slicesTotal = :unknown")
                    .expressionAttributeValues(Map.of(":n", Items.n(slices), ":unknown", Items.n(-1))));
            return true;
        } catch (ConditionalCheckFailedException planned) {
            return false;
        }
    }

    // ---- slices ----------------------------------------------------------------------------------------------

    /** Writes a slice unless it exists; due at its start when {@code due}, else already released. */
    void putSlice(RunRecord run, Slice slice, int shards, boolean due, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(run.appId(), run.campaignId()),
                sliceKey(run.runNumber(), slice)));
        item.put(Items.DOC, Items.s(Json.write(slice)));
        item.put("pending", Items.n(shards));
        item.put("expiresAt", expiresAt(now));
        if (due) {
            item.put("dueKey", Items.s(DUE));
            item.put("dueAt", Items.s(dueKey(slice.startsAt())));
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // A redone plan or tick: the slice is already there, with its own progress.
        }
    }

    Slice slice(Due due) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(due.pk(), due.sk()))
                .consistentRead(true)).item();
        return Json.read(Items.string(item, Items.DOC), Slice.class);
    }

    /** The run number in a slice's sort key ({@code run#000003#slice#...}). */
    static int runNumberOf(Due slice) {
        return Integer.parseInt(slice.sk().substring(4, 4 + 6));
    }

    /**
     * Counts one shard work item of the slice done, once however often it is redelivered.
     *
     * @return whether no shard of the slice is pending any more: true to the last count and to every redelivery after
     *         it, so that a completion that failed halfway (the slice's count, the run's end) is done again by the
     *         redelivered item, each of its steps once
     */
    boolean shardDone(WorkItem work) {
        String pk = partition(work.appId(), work.campaignId());
        String slice = sliceKey(work.runNumber(), work.slice());
        Map<String, AttributeValue> marker = new HashMap<>(key(pk, slice + "#shard#" + "%04d".formatted(work.shard())));
        marker.put("expiresAt", Items.n(work.slice().startsAt().plus(KEEP).getEpochSecond()));
        // The shards of a slice end at about the same time on several runners, all counting down one item.
        writeOnce("shard " + work.shard() + " of " + slice,
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk, slice))
                        .updateExpression("ADD pending :minus")
                        .expressionAttributeValues(Map.of(":minus", Items.n(-1))).build()).build());
        Map<String, AttributeValue> after = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, slice))
                .consistentRead(true)).item();
        return Items.number(after, "pending", 1) <= 0;
    }

    /**
     * Counts the slice of {@code work}, all its shards done, on its run: once, the slice marked completed in the same
     * transaction.
     *
     * @return whether this call counted it (false to a redelivered completion that finds it counted)
     */
    boolean sliceCompleted(RunRecord run, WorkItem work) {
        String pk = partition(run.appId(), run.campaignId());
        return writeOnce("the completion of " + sliceKey(work.runNumber(), work.slice()),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(pk, sliceKey(work.runNumber(), work.slice()))).updateExpression("SET completed = :t")
                        .conditionExpression("attribute_not_exists(completed)")
                        .expressionAttributeValues(Map.of(":t", Items.s("true"))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk, runKey(run.runNumber())))
                        .updateExpression("ADD slicesDone :one").expressionAttributeValues(Map.of(":one", Items.n(1)))
                        .build()).build());
    }

    /**
     * Writes {@code once} and {@code with} together unless {@code once}'s condition says it was written before (the
     * only condition). Another writer's transaction on the same item is waited out and tried again.
     *
     * @return whether this call wrote them
     */
    private boolean writeOnce(String what, TransactWriteItem once, TransactWriteItem with) {
        return Transactions.writeDecided(dynamoDb, MAX_COUNT_ATTEMPTS, "Counting " + what, once, with).written();
    }

    /**
     * Whether the run's end is to be written: its slice total known, every slice done, and its end not yet written
     * whole ({@link #closeRun}). Then it is marked finished (what a redone tick reads). Asked again by a redelivered
     * completion before the end was written whole, the answer stays true: the end is written again, and must not
     * count twice.
     */
    boolean finishesRun(RunRecord run, Map<String, AttributeValue> current) {
        long total = Items.number(current, "slicesTotal", -1);
        if (total < 0 || Items.number(current, "slicesDone", 0) < total || current.containsKey(CLOSED)) {
            return false;
        }
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(key(partition(run.appId(), run.campaignId()), runKey(run.runNumber())))
                .updateExpression("SET finished = :t").expressionAttributeValues(Map.of(":t", Items.s("true"))));
        return true;
    }

    /** The run's end is written whole (its activities', the campaign's status): later completions leave it be. */
    void closeRun(RunRecord run) {
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(key(partition(run.appId(), run.campaignId()), runKey(run.runNumber())))
                .updateExpression("SET " + CLOSED + " = :t").expressionAttributeValues(Map.of(":t", Items.s("true"))));
    }

    Map<String, AttributeValue> runItem(RunRecord run) {
        return dynamoDb.getItem(b -> b.tableName(table)
                .key(key(partition(run.appId(), run.campaignId()), runKey(run.runNumber()))).consistentRead(true)).item();
    }

    // ---- per-endpoint claims ---------------------------------------------------------------------------------

    /**
     * Claims the send of one activity to one endpoint: true for the first caller only. A work item processed
     * twice (a crashed or retried runner) finds its endpoints claimed and sends nothing again.
     */
    public boolean claim(String activityId, String endpointId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key("claim#" + activityId + "#" + endpointId, "claim"));
        item.put("expiresAt", expiresAt(now));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException claimed) {
            return false;
        }
    }

    /** Gives a claim back when its delivery could not be queued, so a retry of the work item sends it. */
    public void unclaim(String activityId, String endpointId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key("claim#" + activityId + "#" + endpointId, "claim")));
    }

    /** Everything of a campaign's partition (DeleteCampaign, DeleteApp): next run, runs, slices, markers. */
    public void deleteCampaign(String appId, String campaignId) {
        String pk = partition(appId, campaignId);
        for (var page : dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s(pk))).projectionExpression("pk, sk"))) {
            page.items().forEach(item -> dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(key(Items.string(item, "pk"), Items.string(item, "sk")))));
        }
    }

    static String partition(String appId, String campaignId) {
        return appId + "#" + campaignId;
    }

    private static String runKey(int runNumber) {
        return "run#%06d".formatted(runNumber);
    }

    private static String sliceKey(int runNumber, Slice slice) {
        return runKey(runNumber) + "#slice#" + dueKey(slice.startsAt());
    }

    /** Zero-padded epoch milliseconds: sorts as a string the way instants sort. */
    static String dueKey(Instant at) {
        return "%015d".formatted(Math.max(0, at.toEpochMilli()));
    }

    private static AttributeValue expiresAt(Instant now) {
        return Items.n(now.plus(KEEP).getEpochSecond());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", Items.s(pk), "sk", Items.s(sk));
    }
}
