package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The intake's meters: {@code lethe_commands_total{type,status,code}} per answer sent and
 * {@code lethe_dead_letters_total{topic="lethe.commands.dlq"}}. Counted once an answer is acknowledged
 * by Kafka, so a batch retried after a failed reply is counted when it is finally answered. Labels take
 * only bounded values (command types, error codes), never an id: the endpoint is public.
 */
final class IntakeMetrics {

    /** The {@code type} of a value that did not parse into a known command (its own type could be anything). */
    static final String UNPARSED = "unparsed";
    /** The {@code code} of an accepted command: every series of a metric carries the same labels. */
    static final String NO_CODE = "none";

    private final MeterRegistry registry;
    private final Counter deadLetters;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so the series exists (at 0) before the first dead letter and rate() works.
        this.deadLetters = deadLetterCounter(registry);
    }

    /** The dead-letter counter of {@code lethe.commands.dlq}. */
    private static Counter deadLetterCounter(MeterRegistry registry) {
        return Counter.builder("lethe.dead.letters")
                .description("Values set aside on a dead-letter topic")
                .tag("topic", Topics.COMMANDS_DLQ)
                .register(registry);
    }

    /** One answer sent: {@code type} is the command's CloudEvents type, or {@link #UNPARSED}. */
    void answered(String type, CommandResult result) {
        String code = result.isAccepted() || result.errorCode() == null ? NO_CODE : result.errorCode().name();
        Counter.builder("lethe.commands")
                .description("Commands answered on lethe.command-results, by type, status and error code")
                .tag("type", type)
                .tag("status", result.status())
                .tag("code", code)
                .register(registry)
                .increment();
        if (!result.isAccepted() && result.errorCode() != null && result.errorCode().isDeadLettered()) {
            deadLetters.increment();
        }
    }
}
