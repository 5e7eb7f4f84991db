package io.pinpush.jobs;

import io.pinpush.config.PinpushConfig;
import io.pinpush.segments.ImportedMembers;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * IMPORT segment versions' members, as their import jobs recorded them: a version names its job
 * ({@code segment#<id>#<version>}), the job's member partition lists the endpoint ids.
 */
public final class ImportedSegments implements ImportedMembers {

    private final JobStore store;

    public ImportedSegments(DynamoDbClient dynamoDb, PinpushConfig config) {
        this(new JobStore(dynamoDb, config));
    }

    ImportedSegments(JobStore store) {
        this.store = store;
    }

    JobStore store() {
        return store;
    }

    @Override
    public void forEach(String appId, String segmentId, int version, Consumer<String> endpointId) {
        store.jobOfSegmentVersion(appId, segmentId, version).ifPresent(job -> store.forEachMember(appId, job, endpointId));
    }

    @Override
    public boolean contains(String appId, String segmentId, int version, String endpointId) {
        return store.jobOfSegmentVersion(appId, segmentId, version)
                .map(job -> store.isMember(appId, job, endpointId)).orElse(false);
    }
}
