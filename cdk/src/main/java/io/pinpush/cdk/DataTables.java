package io.pinpush.cdk;

import io.pinpush.store.TableSpec;
import io.pinpush.store.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.TableAttributesV2;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

/**
 * One DynamoDB table per {@link Tables#all()} spec, so key schemes are written down exactly once.
 *
 * <p>Tables are always global tables ({@code AWS::DynamoDB::GlobalTable}), with no replica unless
 * {@code replicaRegions} names some: turning a plain table into a global one later would replace it.
 * They are encrypted with the AWS managed key for DynamoDB, which exists in every region, so replicas need
 * no key of their own. In a replica region's stack ({@code globalTableHome}) the tables are referenced by
 * name instead of created.
 */
final class DataTables extends Construct {

    private final Map<TableSpec, ITableV2> tables = new LinkedHashMap<>();

    DataTables(Construct scope, String id, StackSettings settings, RemovalPolicy dataRemoval) {
        super(scope, id);
        for (TableSpec spec : Tables.all()) {
            String name = settings.prefix() + "-" + spec.logicalName();
            String constructId = Character.toUpperCase(spec.logicalName().charAt(0)) + spec.logicalName().substring(1);
            tables.put(spec, settings.ownsTables()
                    ? create(constructId, name, spec, settings, dataRemoval)
                    : TableV2.fromTableAttributes(this, constructId, TableAttributesV2.builder()
                            .tableName(name)
                            .globalIndexes(spec.indexes().stream().map(TableSpec.IndexSpec::name).toList())
                            .grantIndexPermissions(true)
                            .build()));
        }
    }

    private TableV2 create(String constructId, String name, TableSpec spec, StackSettings settings,
                           RemovalPolicy dataRemoval) {
        var table = TableV2.Builder.create(this, constructId)
                .tableName(name)
                .partitionKey(key(spec.partitionKey()))
                .billing(Billing.onDemand())
                .encryption(TableEncryptionV2.awsManagedKey())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(!settings.throwaway())
                .removalPolicy(dataRemoval)
                .globalSecondaryIndexes(spec.indexes().stream().map(DataTables::index).toList())
                .replicas(settings.replicaRegions().stream()
                        .map(region -> ReplicaTableProps.builder().region(region).build()).toList());
        if (spec.sortKey() != null) {
            table.sortKey(key(spec.sortKey()));
        }
        spec.ttlAttribute().ifPresent(table::timeToLiveAttribute);
        return table.build();
    }

    private static GlobalSecondaryIndexPropsV2 index(TableSpec.IndexSpec index) {
        var props = GlobalSecondaryIndexPropsV2.builder().indexName(index.name()).partitionKey(key(index.partitionKey()));
        if (index.sortKey() != null) {
            props.sortKey(key(index.sortKey()));
        }
        return props.build();
    }

    private static Attribute key(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    ITableV2 table(TableSpec spec) {
        ITableV2 table = tables.get(spec);
        if (table == null) {
            throw new IllegalArgumentException("No table for " + spec.logicalName() + ": is it in Tables.all()?");
        }
        return table;
    }

    List<ITableV2> all() {
        return List.copyOf(tables.values());
    }

    /** {@code PINPUSH_TABLE_<LOGICALNAME>} for each table, as {@code PinpushConfig.tableName} reads it. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        tables.forEach((spec, table) ->
                env.put("PINPUSH_TABLE_" + spec.logicalName().toUpperCase(Locale.ROOT), table.getTableName()));
        return env;
    }
}
