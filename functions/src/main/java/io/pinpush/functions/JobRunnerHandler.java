package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.Pinpush;
import io.pinpush.jobs.JobRunner;
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
public final class JobRunnerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

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
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                runner.run(message.getBody(), DispatcherHandler.receiveCount(message));
            } catch (RuntimeException e) {
                LOG.warn("Job work {} failed; it stays on the queue", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
