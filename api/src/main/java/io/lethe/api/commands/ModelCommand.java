package io.lethe.api.commands;

import io.lethe.api.ids.ModelId;

/** A command that targets one {@code Model} aggregate. */
public sealed interface ModelCommand extends Command
        permits RegisterModelCommand, TrainBackboneCommand, LearnCommand, AdaptCommand, ForgetCommand, DeployCommand,
        CompleteJobCommand {

    ModelId modelId();

    @Override
    default String routingKey() {
        return modelId().value();
    }
}
