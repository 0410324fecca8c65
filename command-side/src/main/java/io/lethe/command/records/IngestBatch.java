package io.lethe.command.records;

import io.lethe.api.ErrorCode;
import io.lethe.api.commands.IngestRecordsCommand;

import java.util.List;

/**
 * Consecutive {@code lethe.IngestRecords} commands of one Kafka batch, handled as one: a round trip per
 * kind of write for the whole batch instead of several per command. Internal to the command side; each
 * entry is still accepted or rejected on its own, and a rejected entry writes nothing.
 */
public record IngestBatch(List<Entry> entries) {

    public IngestBatch {
        entries = List.copyOf(entries);
    }

    /** One command with the id it was claimed under. */
    public record Entry(String commandId, IngestRecordsCommand command) {
    }

    /** What became of one entry: accepted when {@code rejection} is null. */
    public record Outcome(String commandId, ErrorCode rejection, String message) {

        static Outcome accepted(String commandId) {
            return new Outcome(commandId, null, null);
        }

        public boolean isAccepted() {
            return rejection == null;
        }
    }
}
