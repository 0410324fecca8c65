package io.lethe.command.intake;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Claims the command id in {@code events.processed_commands} in the same transaction as the
 * command's events: either both commit or neither does, so a redelivered command has no second effect.
 */
final class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String COMMAND_ID = "commandId";
    static final String COMMAND_TYPE = "commandType";

    private final ProcessedCommands processed;

    IdempotencyInterceptor(ProcessedCommands processed) {
        this.processed = processed;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        Object commandId = metaData.get(COMMAND_ID);
        if (commandId != null
                && !processed.claimAccepted(commandId.toString(), String.valueOf(metaData.get(COMMAND_TYPE)))) {
            throw new DuplicateCommandException(commandId.toString());
        }
        return chain.proceed();
    }
}
