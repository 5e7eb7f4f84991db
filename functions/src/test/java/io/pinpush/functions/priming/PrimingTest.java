package io.pinpush.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void failingWarmUpIsReportedAndTheOthersStillRun() {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder()
                .warmUp("first", () -> ran.add("first"))
                .warmUp("broken", () -> {
                    throw new IllegalStateException("no");
                })
                .warmUp("last", () -> ran.add("last"))
                .build();

        List<Priming.Failure> failures = priming.warmUp();

        assertThat(ran).containsExactly("first", "last");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("broken");
            assertThat(f.error()).hasMessage("no");
        });
    }

    @Test
    void checkpointRunsWarmUpsAndRestoreRunsOnlyRestoreSteps() throws Exception {
        List<String> ran = new ArrayList<>();
        Priming priming = Priming.builder()
                .warmUp("load", () -> ran.add("warm"))
                .afterRestore("reconnect", () -> ran.add("reconnect"))
                .register();

        priming.beforeCheckpoint(null);
        assertThat(ran).containsExactly("warm");

        priming.afterRestore(null);
        assertThat(ran).containsExactly("warm", "reconnect");
    }
}
