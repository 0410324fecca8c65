package io.lethe.command.model;

import io.lethe.api.commands.ModelCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/** Routes a {@link ModelCommand} to its model; api records carry no Axon annotations on purpose. */
public final class ModelCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ModelCommand modelCommand) {
            return new VersionedAggregateIdentifier(modelCommand.modelId().value(), null);
        }
        throw new IllegalArgumentException("no model for " + command.getCommandName());
    }
}
