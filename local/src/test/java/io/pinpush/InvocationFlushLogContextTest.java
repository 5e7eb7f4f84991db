package io.pinpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Here rather than in shared, whose tests bind no logging backend (SLF4J's MDC is a no-op there). */
class InvocationFlushLogContextTest {

    @Test
    void theWritesLogWithTheInvocationsContextAndNoOther() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Runnable write = () -> seen.add(String.valueOf(MDC.get("function_request_id")));
        try (InvocationFlush flush = new InvocationFlush(List.of(write, write))) {
            MDC.put("function_request_id", "first");
            flush.run();
            MDC.put("function_request_id", "second");
            flush.run();
            MDC.clear();
            flush.run(); // the pool's thread keeps nothing of the invocations before
        } finally {
            MDC.clear();
        }
        assertThat(seen).containsExactly("first", "first", "second", "second", "null", "null");
    }
}
