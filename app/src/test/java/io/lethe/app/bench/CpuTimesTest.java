package io.lethe.app.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTimesTest {

    @Test
    void threadsAreGroupedByWhatTheyDoInThePipeline() {
        assertThat(CpuTimes.groupOf("lethe-command-intake")).isEqualTo("intake");
        assertThat(CpuTimes.groupOf("EventProcessor[lethe-kafka-publisher]-0")).isEqualTo("publisher");
        assertThat(CpuTimes.groupOf("lethe-event-consumer")).isEqualTo("query-consumer");
        assertThat(CpuTimes.groupOf("data-plane-kafka-request-handler-1")).isEqualTo("kafka-broker");
        assertThat(CpuTimes.groupOf("kafka-producer-network-thread | lethe-event-publisher")).isEqualTo("kafka-clients");
        assertThat(CpuTimes.groupOf("EventProcessor[lethe-key-scrubber]-0")).isEqualTo("axon-other-processors");
        assertThat(CpuTimes.groupOf("HikariPool-1 housekeeper")).isEqualTo("other");
    }

    @Test
    void perCommandIsTheDifferenceBetweenSamplesAndTheTotalTheirSum() {
        Map<String, Double> micros = CpuTimes.perCommand(Map.of("intake", 1_000_000L),
                Map.of("intake", 3_000_000L, "postgres", 1_000_000L), 1_000);

        assertThat(micros.get("cpuMicrosPerCommand.intake")).isCloseTo(2.0, within(1e-9));
        assertThat(micros.get("cpuMicrosPerCommand.postgres")).isCloseTo(1.0, within(1e-9));
        assertThat(micros.get("cpuMicrosPerCommand.total")).isCloseTo(3.0, within(1e-9));
    }
}
