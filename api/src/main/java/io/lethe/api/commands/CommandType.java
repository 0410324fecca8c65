package io.lethe.api.commands;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvent {@code type} of every command in the contract and the record it carries. */
public enum CommandType {
    INGEST_RECORDS("lethe.IngestRecords", IngestRecordsCommand.class),
    REGISTER_MODEL("lethe.RegisterModel", RegisterModelCommand.class),
    TRAIN_BACKBONE("lethe.TrainBackbone", TrainBackboneCommand.class),
    LEARN("lethe.Learn", LearnCommand.class),
    ADAPT("lethe.Adapt", AdaptCommand.class),
    FORGET("lethe.Forget", ForgetCommand.class, "erasureId"),
    DEPLOY("lethe.Deploy", DeployCommand.class, "erasureId"),
    REQUEST_ERASURE("lethe.RequestErasure", RequestErasureCommand.class, "erasureId"),
    EXTEND_ERASURE("lethe.ExtendErasure", ExtendErasureCommand.class),
    /** Internal: a worker's job result (only workers' sources are allowed to send it). */
    COMPLETE_JOB("lethe.CompleteJob", CompleteJobCommand.class);

    private final String cloudEventType;
    private final Class<? extends Command> commandClass;
    private final java.util.Set<String> internalFields;

    CommandType(String cloudEventType, Class<? extends Command> commandClass, String... internalFields) {
        this.cloudEventType = cloudEventType;
        this.commandClass = commandClass;
        this.internalFields = java.util.Set.of(internalFields);
    }

    /**
     * Fields of {@code data} that only the ledger's own processes set, on its internal command bus; a
     * command from Kafka that carries one is refused with {@code INTERNAL_FIELD}, so no producer can speak
     * for an erasure.
     */
    public java.util.Set<String> internalFields() {
        return internalFields;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    public Class<? extends Command> commandClass() {
        return commandClass;
    }

    public static Optional<CommandType> of(String cloudEventType) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType.equals(cloudEventType)).findFirst();
    }

    public static CommandType of(Command command) {
        return Arrays.stream(values()).filter(t -> t.commandClass.isInstance(command)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a contract command: " + command));
    }
}
