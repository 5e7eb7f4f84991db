package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.pinpush.Pinpush;
import io.pinpush.jobs.JobRunner;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runner function: the job queue's event source hands it import and export work (a job's start, or one
 * piece); a message whose work threw is reported as a batch item failure, so SQS offers it again after the
 * visibility timeout (ReportBatchItemFailures must be on for the mapping). The runner counts a piece as failed
 * on its last attempt, so the dead-letter queue only sees messages that crash the function itself.
 */
public final class JobRunnerHandler implements SqsBatchFunction {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunnerHandler.class);

    private final JobRunner runner;

    public JobRunnerHandler() {
        this(Pinpush.fromEnvironment());
    }

    public JobRunnerHandler(Pinpush pinpush) {
        this(pinpush.jobRunner());
    }

    public JobRunnerHandler(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<String> handle(List<QueuedMessage> messages, Context context) {
        List<String> failures = new ArrayList<>();
        for (QueuedMessage message : messages) {
            try {
                runner.run(message.body(), message.receiveCount());
            } catch (RuntimeException e) {
                LOG.warn("Job work {} failed; it stays on the queue", message.messageId(), e);
                failures.add(message.messageId());
            }
        }
        return failures;
    }
}
