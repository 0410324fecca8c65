package io.lethe.command.erasure;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/** Routes the internal erasure commands to the subject's aggregate. */
public final class SubjectCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ErasureCommands.SubjectCommand subjectCommand) {
            return new VersionedAggregateIdentifier(subjectCommand.subjectAggregateId(), null);
        }
        throw new IllegalArgumentException("no data subject for " + command.getCommandName());
    }
}
