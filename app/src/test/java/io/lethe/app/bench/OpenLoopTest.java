package io.lethe.app.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopTest {

    @Test
    void sendsAreDueAtFixedIntervalsFromTheStartWhateverHappensMeanwhile() {
        OpenLoop loop = new OpenLoop(1_000_000_000L, 1_000);

        assertThat(loop.dueAt(0)).isEqualTo(1_000_000_000L);
        assertThat(loop.dueAt(1)).isEqualTo(1_001_000_000L);
        assertThat(loop.dueAt(2_500)).isEqualTo(3_500_000_000L);
    }

    @Test
    void aSendAlreadyLateIsNotWaitedFor() {
        OpenLoop loop = new OpenLoop(System.nanoTime() - 1_000_000_000L, 10);

        loop.awaitDue(5); // due half a second ago: returns at once

        assertThat(loop.millisSinceDue(5)).isGreaterThanOrEqualTo(500.0);
    }
}
