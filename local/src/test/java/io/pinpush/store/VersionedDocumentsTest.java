package io.pinpush.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.local.LocalServer;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import io.pinpush.segments.SegmentType;
import io.pinpush.testing.PinpushExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The versioned store behind segments and campaigns, on DynamoDB Local: the item layout that stored data already
 * has, and the conditions that keep two writers from both making version n+1.
 */
@ExtendWith(PinpushExtension.class)
class VersionedDocumentsTest {

    /** A document of the shape segments and campaigns have. */
    record Thing(String applicationId, String id, Integer version, String name) implements VersionedDocuments.Document {
        Thing next(String newName) {
            return new Thing(applicationId, id, version + 1, newName);
        }
    }

    private DynamoDbClient dynamoDb;
    private String table;
    private VersionedDocuments<Thing> things;
    private String appId;

    @BeforeEach
    void setUp(LocalServer server) {
        dynamoDb = server.pinpush().aws().dynamoDb();
        table = server.pinpush().config().tableName(Tables.SEGMENTS.logicalName());
        things = new VersionedDocuments<>(dynamoDb, table, "thing#", Thing.class,
                thing -> Map.of("name", AttributeValue.fromS(thing.name())));
        appId = Ids.newId(); // a partition of its own
    }

    @Test
    void itemsKeepTheLayoutStoredDataHas() {
        Thing first = new Thing(appId, "t1", 1, "first");

        assertThat(things.create(first)).isTrue();

        Map<String, AttributeValue> head = item("thing#t1");
        Map<String, AttributeValue> version = item("version#t1#0000000001");
        for (Map<String, AttributeValue> item : List.of(head, version)) {
            assertThat(item.get("version").n()).isEqualTo("1");
            assertThat(item.get("name").s()).as("the extra attribute").isEqualTo("first");
            assertThat(item.get(Items.DOC).s()).contains("\"first\"");
        }
        assertThat(things.find(appId, "t1", null)).contains(first);
        assertThat(things.find(appId, "t1", 1)).contains(first);
        assertThat(things.find(appId, "t1", 2)).isEmpty();
    }

    @Test
    void segmentsAreStoredAsTheSegmentsTableAlwaysHeldThem(LocalServer server) {
        VersionedDocuments<SegmentResponse> segments = SegmentService.storedIn(dynamoDb, server.pinpush().config());
        SegmentResponse first = new SegmentResponse(appId, "arn:segment", "2026-12-05T00:00:00Z", null, "s1",
                "2026-12-05T00:00:00Z", "first", null, SegmentType.DIMENSIONAL, null, 1);

        assertThat(segments.create(first)).isTrue();

        for (String sortKey : List.of("segment#s1", "version#s1#0000000001")) {
            assertThat(item(sortKey)).as(sortKey).containsOnlyKeys("pk", "sk", "version", Items.DOC)
                    .containsEntry("version", AttributeValue.fromN("1"));
        }
        assertThat(segments.head(appId, "s1")).contains(first);
    }

    @Test
    void anIdIsCreatedOnce() {
        assertThat(things.create(new Thing(appId, "t1", 1, "first"))).isTrue();

        assertThat(things.create(new Thing(appId, "t1", 1, "again"))).isFalse();
        assertThat(things.head(appId, "t1")).get().extracting(Thing::name).isEqualTo("first");
    }

    @Test
    void ofTwoUpdatesFromTheSameReadOnlyTheFirstBecomesTheNextVersion() {
        Thing first = new Thing(appId, "t1", 1, "first");
        things.create(first);

        assertThat(things.addVersion(first, first.next("mine"))).isTrue();
        assertThat(things.addVersion(first, first.next("theirs"))).isFalse();
        assertThat(things.retag(first, new Thing(appId, "t1", 1, "retagged"))).as("a retag from the old read").isFalse();

        assertThat(things.head(appId, "t1")).get().extracting(Thing::name).isEqualTo("mine");
        assertThat(things.versions(appId, "t1", PageRequest.first(10)).items()).extracting(Thing::name)
                .containsExactly("first", "mine");
    }

    @Test
    void rewritingTheLatestChangesHeadAndVersionOnlyWhenTheHeadMeetsTheCondition() {
        Thing first = new Thing(appId, "t1", 1, "first");
        things.create(first);
        Map<String, String> names = Map.of("#n", "name");

        assertThat(things.rewriteLatest(new Thing(appId, "t1", 1, "x"), "#n = :n", names,
                Map.of(":n", AttributeValue.fromS("not-the-name")))).isFalse();
        assertThat(things.rewriteLatest(new Thing(appId, "t1", 1, "renamed"), "#n = :n", names,
                Map.of(":n", AttributeValue.fromS("first")))).isTrue();

        assertThat(things.head(appId, "t1")).get().extracting(Thing::name).isEqualTo("renamed");
        assertThat(things.version(appId, "t1", 1)).get().extracting(Thing::name).isEqualTo("renamed");
    }

    @Test
    void deleteRemovesTheHeadAndItsVersionsAndNothingElse() {
        storeT1AtVersion2AndT2();
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", Items.s(appId), "sk", Items.s("activity#t1#a"))));

        assertThat(things.delete(appId, "t1")).get().extracting(Thing::name).isEqualTo("second");

        assertThat(things.head(appId, "t1")).isEmpty();
        assertThat(things.version(appId, "t1", 1)).isEmpty();
        assertThat(things.version(appId, "t1", 2)).isEmpty();
        assertThat(things.head(appId, "t2")).isPresent();
        assertThat(item("activity#t1#a")).as("what the table keeps beside versions is its owner's to delete").isNotEmpty();
        assertThat(things.delete(appId, "t1")).isEmpty();
    }

    @Test
    void forEachHeadVisitsEveryHeadAndNoVersion() {
        storeT1AtVersion2AndT2();
        List<String> seen = new ArrayList<>();

        things.forEachHead(appId, thing -> seen.add(thing.id() + "@" + thing.version()));

        assertThat(seen).containsExactly("t1@2", "t2@1");
    }

    @Test
    void forEachHeadReadsPastAFullPage() {
        int heads = PageRequest.MAX_PAGE_SIZE + 5;
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < heads; i++) {
            Thing thing = new Thing(appId, String.format("t%05d", i), 1, "seeded");
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", Items.s(appId),
                    "sk", Items.s("thing#" + thing.id()), "version", Items.n(1), "name", Items.s("seeded"),
                    Items.DOC, Items.s(Json.write(thing))))).build());
        }
        BatchWrites.write(dynamoDb, table, puts);
        List<String> seen = new ArrayList<>();

        things.forEachHead(appId, thing -> seen.add(thing.id()));

        assertThat(seen).hasSize(heads).doesNotHaveDuplicates().isSorted();
    }

    /** t1 "first" then "second", and t2 "other". */
    private void storeT1AtVersion2AndT2() {
        Thing first = new Thing(appId, "t1", 1, "first");
        assertThat(things.create(first)).isTrue();
        assertThat(things.addVersion(first, first.next("second"))).isTrue();
        assertThat(things.create(new Thing(appId, "t2", 1, "other"))).isTrue();
    }

    private Map<String, AttributeValue> item(String sortKey) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", Items.s(appId), "sk", Items.s(sortKey)))
                .consistentRead(true)).item();
    }
}
