package io.pinpush.campaigns.run;

import io.pinpush.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The campaign work queue (SQS, with a dead-letter queue): one message per shard of a slice, so shards are
 * evaluated in parallel by as many runner instances as Lambda starts, and each is retried on its own.
 */
public final class CampaignWorkQueue {

    private static final int SQS_BATCH_LIMIT = 10;

    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;

    /** Both read on first use: functions that never queue campaign work need neither. */
    public CampaignWorkQueue(Supplier<SqsClient> sqs, Supplier<String> queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Queues every item; throws when SQS refuses some, so the caller's own retry (the tick's lease) redoes it. */
    public void enqueue(List<WorkItem> items) {
        for (int from = 0; from < items.size(); from += SQS_BATCH_LIMIT) {
            List<WorkItem> batch = items.subList(from, Math.min(items.size(), from + SQS_BATCH_LIMIT));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(batch.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " campaign work items: "
                        + response.failed().get(0).message());
            }
        }
    }
}
