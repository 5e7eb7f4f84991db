package io.pinpush.store;

import io.pinpush.config.PinpushConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** Creates Pinpush's tables where no CDK stack does: DynamoDB Local for the local server, tests and benchmarks. */
public final class TableCreator {

    private final DynamoDbClient dynamoDb;
    private final PinpushConfig config;

    public TableCreator(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.config = config;
    }

    /** Creates every table that does not exist yet; existing tables (a persisted local data folder) are kept. */
    public void createAll() {
        Tables.all().forEach(this::create);
    }

    public void create(TableSpec spec) {
        Set<String> keyAttributes = new LinkedHashSet<>();
        keyAttributes.add(spec.partitionKey());
        if (spec.sortKey() != null) keyAttributes.add(spec.sortKey());
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            keyAttributes.add(index.partitionKey());
            if (index.sortKey() != null) keyAttributes.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(config.tableName(spec.logicalName()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(spec.partitionKey(), spec.sortKey()))
                .attributeDefinitions(keyAttributes.stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name)
                                .attributeType(ScalarAttributeType.S).build())
                        .toList());
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        try {
            dynamoDb.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        spec.ttlAttribute().ifPresent(attribute -> dynamoDb.updateTimeToLive(b -> b
                .tableName(config.tableName(spec.logicalName()))
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(attribute).enabled(true).build())));
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            schema.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        return schema;
    }
}
