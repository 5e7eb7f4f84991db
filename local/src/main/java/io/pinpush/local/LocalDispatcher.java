package io.pinpush.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.pinpush.config.DaemonThreads;
import io.pinpush.functions.DispatcherHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source does, in-process: long-polls the delivery queue, hands each batch to the real
 * {@link DispatcherHandler} as the bytes of the event Lambda would send, and deletes the messages it did not report
 * as batch item failures. Failed messages stay, invisible for as long as the dispatcher (or the queue's timeout) says.
 * A handler that throws fails the whole batch, as in Lambda. The job runner's queue is drained the same way.
 */
public final class LocalDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDispatcher.class);
    private static final int BATCH_SIZE = 10;
    private static final int LONG_POLL_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final RequestStreamHandler handler;
    private final int batchSize;
    private final ExecutorService pollers;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private LocalDispatcher(SqsClient sqs, String queueUrl, String queueArn, String region,
                            RequestStreamHandler handler, int pollerCount, int batchSize,
                            String threadName) {
        this.batchSize = batchSize;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.handler = handler;
        this.pollers = DaemonThreads.pool(pollerCount, threadName);
    }

    /** Polls {@code queueUrl} for {@code handler} (the dispatcher, the campaign runner) in batches of up to ten. */
    public static LocalDispatcher start(SqsClient sqs, String queueUrl, String region,
                                        RequestStreamHandler handler, int pollerCount) {
        return start(sqs, queueUrl, region, handler, pollerCount, BATCH_SIZE, "pinpush-poller");
    }

    /**
     * Any SQS-triggered function with partial batch responses, polled by {@code pollerCount} threads, each handing
     * the function batches of up to {@code batchSize} messages (as the event source mapping's BatchSize).
     */
    public static LocalDispatcher start(SqsClient sqs, String queueUrl, String region,
                                        RequestStreamHandler handler, int pollerCount,
                                        int batchSize, String threadName) {
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        LocalDispatcher dispatcher = new LocalDispatcher(sqs, queueUrl, arn, region, handler, pollerCount, batchSize,
                threadName);
        for (int i = 0; i < pollerCount; i++) {
            dispatcher.pollers.submit(dispatcher::pollUntilClosed);
        }
        return dispatcher;
    }

    private void pollUntilClosed() {
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize).waitTimeSeconds(LONG_POLL_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!messages.isEmpty()) {
                    dispatch(messages);
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("Polling {} failed; polling again", queueUrl, e);
                    pause();
                }
            }
        }
    }

    private void dispatch(List<Message> messages) {
        Set<String> failed;
        try {
            failed = new HashSet<>(LocalInvocation.batchItemFailures(LocalInvocation.invoke(handler,
                    LocalInvocation.sqsEvent(messages, queueArn, region), new LocalContext())));
        } catch (IOException | RuntimeException e) {
            LOG.error("{} failed on a batch of {}; every message stays on the queue", queueUrl, messages.size(), e);
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // back off from a failing queue endpoint before polling again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a batch being dispatched finishes first. */
    @Override
    public void close() {
        running.set(false);
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(LONG_POLL_SECONDS + 30L, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
