package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.commands.CommandType;
import io.lethe.api.commands.IngestRecordsCommand;
import io.lethe.command.records.IngestBatch;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consecutive {@code IngestRecords} commands of a Kafka batch go to the command bus as one
 * {@link IngestBatch}: their ids are claimed in one statement and their writes batched, instead of
 * about six round trips per command. The answers are the ones each command would get alone. Should
 * the batch fail for a reason other than our infrastructure, its savepoint is rolled back and the
 * commands are handled one at a time, so one poison command cannot take its neighbours with it.
 */
final class IngestRunDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunDispatcher.class);
    private static final String TYPE = CommandType.INGEST_RECORDS.cloudEventType();

    private final CommandGateway gateway;
    private final ProcessedCommands processed;
    private final TransactionManager transactions;
    private final CommandDispatcher oneByOne;
    private final Timer claimTimer;
    private final Timer handleTimer;

    /**
     * @param claimTimer  the {@code intake.claim} stage: claiming a run's command ids
     * @param handleTimer the {@code axon.handle} stage: the whole command bus round, vault writes and append included
     */
    IngestRunDispatcher(CommandGateway gateway, ProcessedCommands processed, TransactionManager transactions,
                        CommandDispatcher oneByOne, Timer claimTimer, Timer handleTimer) {
        this.gateway = gateway;
        this.processed = processed;
        this.transactions = transactions;
        this.oneByOne = oneByOne;
        this.claimTimer = claimTimer;
        this.handleTimer = handleTimer;
    }

    /** @return one answer per entry, in order */
    List<CommandResult> dispatch(List<IngestBatch.Entry> run) {
        if (isSingleRecord(run)) {
            return List.of(oneByOne.dispatch(run.get(0).commandId(), run.get(0).command()));
        }
        Transaction savepoint = transactions.startTransaction();
        try {
            List<CommandResult> results = batched(run);
            savepoint.commit();
            return results;
        } catch (RuntimeException e) {
            if (!rolledBack(savepoint) || Failures.isInfrastructure(e)) {
                throw new RetryableFailure("a batch of " + run.size() + " ingests failed: " + e.getMessage(), e);
            }
            LOG.warn("a batch of {} ingests failed ({}); handling them one at a time", run.size(), e.toString());
            List<CommandResult> results = new ArrayList<>(run.size());
            run.forEach(entry -> results.add(oneByOne.dispatch(entry.commandId(), entry.command())));
            return results;
        }
    }

    /**
     * A lone one-record command costs fewer round trips alone than with the batch's savepoint and reads. A
     * lone command of many records does not: alone, every record takes its own key lookup and insert.
     */
    private static boolean isSingleRecord(List<IngestBatch.Entry> run) {
        return run.size() == 1 && run.get(0).command().records().size() <= 1;
    }

    private List<CommandResult> batched(List<IngestBatch.Entry> run) {
        Set<String> claimed = claimTimer.record(() -> processed.claimAllAccepted(
                run.stream().map(IngestBatch.Entry::commandId).toList(), TYPE));
        List<IngestBatch.Entry> fresh = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        for (IngestBatch.Entry entry : run) {
            if (claimed.contains(entry.commandId()) && inBatch.add(entry.commandId())) {
                fresh.add(entry);
            }
        }
        Map<String, CommandResult> answers = new HashMap<>();
        if (!fresh.isEmpty()) {
            List<IngestBatch.Outcome> outcomes = handleTimer.record(
                    () -> gateway.<List<IngestBatch.Outcome>>sendAndWait(new IngestBatch(fresh)));
            List<CommandResult> rejections = new ArrayList<>();
            for (IngestBatch.Outcome outcome : outcomes) {
                CommandResult answer = outcome.isAccepted() ? CommandResult.accepted(outcome.commandId())
                        : CommandResult.rejected(outcome.commandId(), outcome.rejection(), outcome.message());
                answers.put(outcome.commandId(), answer);
                if (!outcome.isAccepted()) {
                    rejections.add(answer);
                }
            }
            if (!rejections.isEmpty()) {
                processed.markRejected(rejections);
            }
        }
        List<CommandResult> results = new ArrayList<>(run.size());
        for (IngestBatch.Entry entry : run) {
            // Not claimed now: processed before, so it gets the answer it got then.
            results.add(answers.computeIfAbsent(entry.commandId(), id -> processed.find(id)
                    .orElseThrow(() -> new RetryableFailure("duplicate without a record: " + id, null))));
        }
        return results;
    }

    /** False when even the rollback failed: the transaction is unusable and the whole Kafka batch must be retried. */
    private static boolean rolledBack(Transaction savepoint) {
        try {
            savepoint.rollback();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("rolling back a failed ingest batch failed too: {}", e.getMessage());
            return false;
        }
    }
}
