package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.LetheException;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Parses one Kafka record into a command and dispatches it; malformed values are answered, not thrown. */
public final class CommandRecordHandler {

    private final CommandParser parser;
    private final CommandDispatcher dispatcher;

    CommandRecordHandler(CommandParser parser, CommandDispatcher dispatcher) {
        this.parser = parser;
        this.dispatcher = dispatcher;
    }

    CommandResult handle(ConsumerRecord<String, byte[]> record) {
        CommandParser.Parsed parsed;
        try {
            parsed = parser.parse(record.value());
        } catch (LetheException e) {
            return CommandResult.rejected(bestEffortId(record.value()), e.errorCode(), e.getMessage());
        }
        return dispatcher.dispatch(parsed.envelope().id(), parsed.command());
    }

    /** The {@code id} attribute when the value is a JSON object that has one, so the producer can correlate. */
    private static String bestEffortId(byte[] value) {
        try {
            var node = Json.mapper().readTree(value);
            var id = node == null ? null : node.get("id");
            return id != null && id.isTextual() && id.asText().length() <= 256 ? id.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
