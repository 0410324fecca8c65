package io.lethe.query.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRouteTest {

    @Test
    void upWhileEveryPartRuns() {
        HealthRoute.Health health = HealthRoute.check(Map.of("eventConsumer", () -> true));

        assertThat(health.up()).isTrue();
        assertThat(health.parts()).containsEntry("eventConsumer", "UP");
    }

    @Test
    void downAndNamingThePartThatStopped() {
        Map<String, BooleanSupplier> parts = new LinkedHashMap<>();
        parts.put("eventConsumer", () -> false);
        parts.put("checkpointSigner", () -> true);

        HealthRoute.Health health = HealthRoute.check(parts);

        assertThat(health.up()).isFalse();
        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.parts()).containsEntry("eventConsumer", "DOWN").containsEntry("checkpointSigner", "UP");
    }

    @Test
    void degradedWhileAPartRunsButHasSetWorkAsideStillServing() {
        Map<String, BooleanSupplier> parts = new LinkedHashMap<>();
        parts.put("eventConsumer", new DegradablePart() {
            @Override
            public boolean getAsBoolean() {
                return true;
            }

            @Override
            public java.util.Optional<String> degradation() {
                return java.util.Optional.of("1 event dead-lettered to lethe.events.dlq");
            }
        });

        HealthRoute.Health health = HealthRoute.check(parts);

        assertThat(health.up()).as("still serves").isTrue();
        assertThat(health.status()).isEqualTo("DEGRADED");
        assertThat(health.reasons()).containsEntry("eventConsumer", "1 event dead-lettered to lethe.events.dlq");
    }
}
