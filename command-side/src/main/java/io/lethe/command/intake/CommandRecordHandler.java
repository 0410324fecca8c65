package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.LetheException;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.Json;
import io.lethe.api.commands.CommandType;
import io.lethe.api.commands.IngestRecordsCommand;
import io.lethe.command.records.IngestBatch;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/** Parses Kafka records into commands and dispatches them; malformed values are answered, not thrown. */
public final class CommandRecordHandler {

    private final CommandParser parser;
    private final CommandDispatcher dispatcher;
    private final IngestRunDispatcher ingests;
    private final Timer parseTimer;

    /**
     * One record's answer and what it was.
     *
     * @param type   the command's CloudEvents type, or {@link IntakeMetrics#UNPARSED} for a value that did not parse
     * @param result the answer
     */
    record Handled(String type, CommandResult result) {
    }

    /** @param parseTimer the {@code intake.parse} stage: reading the CloudEvents and their commands, per batch */
    CommandRecordHandler(CommandParser parser, CommandDispatcher dispatcher, IngestRunDispatcher ingests,
                         Timer parseTimer) {
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.ingests = ingests;
        this.parseTimer = parseTimer;
    }

    /**
     * Answers every record, in order. Consecutive ingests are dispatched together; any other command
     * ends such a run first, since it may depend on the records just ingested. A malformed value has
     * no effect, so it is answered in place without ending the run.
     */
    List<Handled> handleAll(List<ConsumerRecord<String, byte[]>> records) {
        CommandResult[] results = new CommandResult[records.size()];
        String[] types = new String[records.size()];
        List<Integer> runIndexes = new ArrayList<>();
        List<IngestBatch.Entry> run = new ArrayList<>();
        long parseNanos = 0;
        for (int i = 0; i < records.size(); i++) {
            CommandParser.Parsed parsed;
            byte[] value = records.get(i).value();
            long parseStart = System.nanoTime();
            try {
                value = CloudEventRecords.structuredValue(records.get(i));
                parsed = parser.parse(value);
            } catch (LetheException e) {
                results[i] = CommandResult.rejected(bestEffortId(value), e.errorCode(), e.getMessage());
                types[i] = IntakeMetrics.UNPARSED;
                continue;
            } finally {
                parseNanos += System.nanoTime() - parseStart;
            }
            types[i] = CommandType.of(parsed.command()).cloudEventType();
            if (parsed.command() instanceof IngestRecordsCommand ingest) {
                runIndexes.add(i);
                run.add(new IngestBatch.Entry(parsed.envelope().id(), ingest));
                continue;
            }
            flush(run, runIndexes, results);
            results[i] = dispatcher.dispatch(parsed.envelope().id(), parsed.command());
        }
        flush(run, runIndexes, results);
        parseTimer.record(parseNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        List<Handled> handled = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            handled.add(new Handled(types[i], results[i]));
        }
        return handled;
    }

    private void flush(List<IngestBatch.Entry> run, List<Integer> runIndexes, CommandResult[] results) {
        if (run.isEmpty()) {
            return;
        }
        List<CommandResult> answers = ingests.dispatch(run);
        for (int k = 0; k < answers.size(); k++) {
            results[runIndexes.get(k)] = answers.get(k);
        }
        run.clear();
        runIndexes.clear();
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
