package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.Command;
import io.lethe.api.commands.CommandType;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import java.util.Map;

/**
 * Hands one parsed command to Axon and turns the outcome into the reply the producer gets.
 * Domain rejections are answered (and remembered); infrastructure failures propagate as
 * {@link RetryableFailure} so the intake retries the same record instead of losing it.
 */
final class CommandDispatcher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway gateway;
    private final ProcessedCommands processed;

    CommandDispatcher(CommandGateway gateway, ProcessedCommands processed) {
        this.gateway = gateway;
        this.processed = processed;
    }

    /** A command id seen before is recognised by its claim inside the command's transaction, not by a lookup. */
    CommandResult dispatch(String commandId, Command command) {
        String type = CommandType.of(command).cloudEventType();
        try {
            send(commandId, type, command);
            return CommandResult.accepted(commandId);
        } catch (DuplicateCommandException e) {
            return processed.find(commandId).orElseThrow(() -> new RetryableFailure("duplicate without a record", e));
        } catch (RuntimeException e) {
            ErrorCode code = rejectionCode(e);
            if (code == null && Failures.isInfrastructure(e)) {
                throw new RetryableFailure("command " + commandId + " failed: " + e.getMessage(), e);
            }
            if (code == null) {
                // Not the database or the broker: retrying would fail the same way and jam the partition.
                LOG.error("command {} ({}) could not be carried out; rejected as a poison command", commandId, type, e);
                code = ErrorCode.INTERNAL_ERROR;
            }
            String message = code == ErrorCode.INTERNAL_ERROR ? "the command could not be carried out ("
                    + e.getClass().getSimpleName() + ")" : rootMessage(e);
            processed.recordRejected(commandId, type, code, message);
            return CommandResult.rejected(commandId, code, message);
        }
    }

    private void send(String commandId, String type, Command command) {
        MetaData metaData = MetaData.from(Map.of(
                IdempotencyInterceptor.COMMAND_ID, commandId,
                IdempotencyInterceptor.COMMAND_TYPE, type));
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** The rejection code for a domain failure, or null when the failure is ours and worth a retry. */
    private static ErrorCode rejectionCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LetheException lethe) {
                return lethe.errorCode();
            }
            if (t instanceof AggregateNotFoundException) {
                return ErrorCode.UNKNOWN_MODEL;
            }
            if (t instanceof AggregateStreamCreationException) {
                return ErrorCode.MODEL_ALREADY_EXISTS;
            }
            if (t instanceof DuplicateCommandException) {
                throw (DuplicateCommandException) t;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LetheException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }
}
