package io.lethe.api;

import java.util.List;

/** Kafka topic names of the public contract (CONTRACT.md, DESIGN.md §3). */
public final class Topics {

    /** Commands from producers, CloudEvents structured JSON, keyed by model id (or subject id for erasure). */
    public static final String COMMANDS = "lethe.commands";
    /** One reply per command, keyed by command id. */
    public static final String COMMAND_RESULTS = "lethe.command-results";
    /** Values that were not valid commands: the original bytes plus headers naming the error. */
    public static final String COMMANDS_DLQ = "lethe.commands.dlq";
    /** Every domain event, CloudEvents JSON, keyed by aggregate id, in aggregate order. */
    public static final String EVENTS = "lethe.events";
    /** Events the query side could not project (unreadable, or refused by a projection): bytes plus error headers. */
    public static final String EVENTS_DLQ = "lethe.events.dlq";
    /** Training and unlearning jobs for workers, keyed by model id. */
    public static final String JOBS = "lethe.jobs";
    /** Jobs a worker gave up on (not a job, or failing the same way every time): original bytes plus error headers. */
    public static final String JOBS_DLQ = "lethe.jobs.dlq";

    /** DLQ header carrying the {@link ErrorCode} name. */
    public static final String DLQ_ERROR_CODE_HEADER = "lethe.error.code";
    /** DLQ header carrying the human-readable reason. */
    public static final String DLQ_ERROR_MESSAGE_HEADER = "lethe.error.message";

    private Topics() {
    }

    public static List<String> all() {
        return List.of(COMMANDS, COMMAND_RESULTS, COMMANDS_DLQ, EVENTS, EVENTS_DLQ, JOBS, JOBS_DLQ);
    }
}
