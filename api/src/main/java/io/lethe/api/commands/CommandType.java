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
    FORGET("lethe.Forget", ForgetCommand.class),
    DEPLOY("lethe.Deploy", DeployCommand.class),
    REQUEST_ERASURE("lethe.RequestErasure", RequestErasureCommand.class),
    EXTEND_ERASURE("lethe.ExtendErasure", ExtendErasureCommand.class),
    /** Internal: a worker's job result (only workers' sources are allowed to send it). */
    COMPLETE_JOB("lethe.CompleteJob", CompleteJobCommand.class);

    private final String cloudEventType;
    private final Class<? extends Command> commandClass;

    CommandType(String cloudEventType, Class<? extends Command> commandClass) {
        this.cloudEventType = cloudEventType;
        this.commandClass = commandClass;
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
