package io.pinpush.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Records when each AWS SDK call of this JVM starts and ends, and on which thread, while {@link #start()}ed: the
 * timeline {@link SendTimeline} breaks a send into. Registered for every SDK client of the bench JVM through the SDK's
 * global interceptor list ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); it records nothing
 * unless started, so the other benchmarks pay one volatile read per call.
 */
public final class SdkCallTimeline implements ExecutionInterceptor {

    /** One SDK call: the thread that made it, the operation, and its start and end ({@link System#nanoTime()}). */
    record Call(String thread, String operation, long startNanos, long endNanos) {
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("pinpush.bench.started");
    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    static void start() {
        CALLS.clear();
        recording = true;
    }

    /** Stops recording and hands back the calls made since {@link #start()}, by start time. */
    static List<Call> stop() {
        recording = false;
        List<Call> calls = new ArrayList<>(CALLS);
        calls.sort(Comparator.comparingLong(Call::startNanos));
        return calls;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (recording) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof ReceiveMessageResponse received && received.messages().isEmpty())) {
            finished(attributes); // an empty long poll is an idle poller, not part of any send
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finished(attributes);
    }

    private static void finished(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null && recording) {
            CALLS.add(new Call(Thread.currentThread().getName(), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    started, System.nanoTime()));
        }
    }
}
