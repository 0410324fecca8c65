package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import io.lethe.api.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeMetrics metrics = new IntakeMetrics(registry);

    @Test
    void countsAnswersByTypeStatusAndCode() {
        metrics.answered("lethe.RegisterModel", CommandResult.accepted("c1"));
        metrics.answered("lethe.RegisterModel", CommandResult.accepted("c2"));
        metrics.answered("lethe.Learn", CommandResult.rejected("c3", ErrorCode.UNKNOWN_MODEL, "no such model"));

        assertThat(count("lethe.RegisterModel", "accepted", "none")).isEqualTo(2);
        assertThat(count("lethe.Learn", "rejected", "UNKNOWN_MODEL")).isEqualTo(1);
    }

    @Test
    void countsDeadLettersOnlyForCodesThatAreDeadLettered() {
        assertThat(deadLetters()).as("registered before the first one").isZero();

        metrics.answered(IntakeMetrics.UNPARSED, CommandResult.rejected(null, ErrorCode.MALFORMED_JSON, "not JSON"));
        metrics.answered("lethe.Learn", CommandResult.rejected("c3", ErrorCode.UNKNOWN_MODEL, "no such model"));

        assertThat(ErrorCode.MALFORMED_JSON.isDeadLettered()).isTrue();
        assertThat(ErrorCode.UNKNOWN_MODEL.isDeadLettered()).isFalse();
        assertThat(deadLetters()).isEqualTo(1);
    }

    private double count(String type, String status, String code) {
        return registry.get("lethe.commands").tag("type", type).tag("status", status).tag("code", code)
                .counter().count();
    }

    private double deadLetters() {
        return registry.get("lethe.dead.letters").tag("topic", Topics.COMMANDS_DLQ).counter().count();
    }
}
