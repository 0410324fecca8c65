package io.lethe.command.intake;

import io.lethe.consumer.ConsumerMetrics;
import io.lethe.api.Topics;
import io.lethe.command.PipelineStages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka consumer on {@code lethe.commands}, with group commit: a polled batch is handled in one
 * database transaction (each command in a savepoint of it), then answered, then its offsets are
 * committed once the broker has acknowledged its replies ({@link AnsweredBatches}: the next batch is
 * handled meanwhile). One commit per batch instead of per command; and since replies go out only after
 * the commit, no producer is told "accepted" for an effect that was rolled back. A crash at any point
 * redelivers the batch, whose already-committed commands are recognised by their ids.
 * A failure on our side rolls the batch back and retries it after a back-off: never a skipped
 * command, never a stuck partition for bad input (bad input is answered, not thrown).
 */
public final class CommandIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_BACKOFF_MS = 5_000;
    /** Batches whose replies may be in flight at once before the intake waits for the oldest. */
    private static final int BATCHES_IN_FLIGHT = 4;

    private final KafkaConsumer<String, byte[]> consumer;
    private final CommandRecordHandler handler;
    private final Replies replies;
    private final TransactionManager transactions;
    private final IntakeMetrics metrics;
    private final ConsumerMetrics consumerMetrics;
    private final Thread thread;
    private final Timer commitTimer;
    private final Timer replyTimer;
    private final Timer offsetTimer;
    private final Timer replyWaitTimer;
    private final AnsweredBatches answered = new AnsweredBatches(BATCHES_IN_FLIGHT);
    private volatile boolean running = true;
    private long backoffMs = 100;

    /** @param meters where answers, dead letters and the consumer's own metrics (lag per partition) are counted */
    public CommandIntake(Map<String, Object> consumerConfig, CommandRecordHandler handler, Replies replies,
                         TransactionManager transactions, MeterRegistry meters) {
        this.consumer = new KafkaConsumer<>(consumerConfig);
        this.handler = handler;
        this.replies = replies;
        this.transactions = transactions;
        this.metrics = new IntakeMetrics(meters);
        String group = String.valueOf(consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
        this.consumerMetrics = ConsumerMetrics.bind(consumer, group, meters);
        this.thread = new Thread(this::run, "lethe-command-intake");
        this.commitTimer = PipelineStages.timer(meters, "intake.db-commit");
        this.replyTimer = PipelineStages.timer(meters, "intake.reply");
        this.offsetTimer = PipelineStages.timer(meters, "intake.offset-commit");
        this.replyWaitTimer = PipelineStages.timer(meters, "intake.reply-wait");
    }

    /** False once the intake has stopped, whether closed or on a failure it could not get past. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    public void start() {
        consumer.subscribe(List.of(Topics.COMMANDS));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    handleBatch(records);
                    settle(false);
                } else {
                    settle(true);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("command intake stopped on an unexpected failure", e);
        } finally {
            settleBeforeClosing();
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private record Answer(ConsumerRecord<String, byte[]> command, CommandRecordHandler.Handled handled) {
    }

    private void handleBatch(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
        records.forEach(polled::add);
        List<Answer> answers = new ArrayList<>(polled.size());
        Transaction transaction = transactions.startTransaction();
        try {
            List<CommandRecordHandler.Handled> results = handler.handleAll(polled);
            for (int i = 0; i < polled.size(); i++) {
                answers.add(new Answer(polled.get(i), results.get(i)));
            }
            commitTimer.record(transaction::commit);
        } catch (RuntimeException e) {
            rollBackQuietly(transaction);
            retryLater(records, e);
            return;
        }
        Replies.Sent sent;
        try {
            sent = replyTimer.record(() -> {
                answers.forEach(answer -> replies.reply(answer.command(), answer.handled().result()));
                return replies.sent();
            });
        } catch (KafkaException e) {
            // Committed effects, unanswered: the batch comes again, its commands are recognised by id and answered.
            replies.sent(); // whatever was sent of it is answered again anyway
            retryLater(records, e);
            return;
        }
        answered.add(AnsweredBatches.Batch.of(records, sent, () -> answers.forEach(answer ->
                metrics.answered(answer.handled().type(), answer.handled().result()))));
        backoffMs = 100;
    }

    /**
     * Commits the offsets of the batches whose replies are acknowledged; with {@code all}, waits for every batch in
     * flight (the loop is idle). Replies the broker refused make their batch and every later one come again.
     */
    private void settle(boolean all) {
        if (answered.inFlight() == 0) {
            return;
        }
        Optional<AnsweredBatches.Refused> refused = replyWaitTimer.record(() -> answered.settle(all,
                offsets -> offsetTimer.record(() -> commit(offsets))));
        refused.ifPresent(r -> {
            // Committed effects, unanswered: read again, the commands are recognised by id and answered.
            LOG.warn("replies were not acknowledged; reading again from {} in {} ms: {}", r.rewindTo(), backoffMs,
                    r.cause().getMessage());
            rewindAndBackOff(r.rewindTo());
        });
    }

    /** Commits what was answered before the consumer closes; what is not is read again by the next owner. */
    private void settleBeforeClosing() {
        try {
            settle(true);
        } catch (RuntimeException e) {
            LOG.warn("offsets of answered batches not committed on closing, they will be read again: {}",
                    e.getMessage());
        }
    }

    /** Our failure (database or broker down): the whole batch was rolled back and is polled again. */
    private void retryLater(ConsumerRecords<String, byte[]> records, RuntimeException failure) {
        LOG.warn("a batch of {} commands will be retried in {} ms: {}", records.count(), backoffMs,
                failure.getMessage());
        rewindAndBackOff(AnsweredBatches.firstOffsets(records));
    }

    /**
     * Reads these partitions again from these offsets after a back-off that doubles each time. A partition revoked
     * since is read again by its new owner from the last committed offset.
     */
    private void rewindAndBackOff(Map<TopicPartition, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        sleep(backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }

    /**
     * Asynchronous, so the next batch is handled while the broker stores these offsets (a round trip per batch
     * off the loop). A commit that fails or never completes (the broker restarting, a rebalance, a crash) loses
     * nothing: the batch is delivered again and its commands are recognised by their ids. So a failure is logged,
     * never allowed to stop the consumer; Kafka completes async commits in order, so a later one supersedes it.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.warn("offsets not committed, the batch will be delivered again: {}", failure.getMessage());
            }
        });
    }

    private static void rollBackQuietly(Transaction transaction) {
        try {
            transaction.rollback();
        } catch (RuntimeException e) {
            LOG.warn("rolling back a failed batch failed too: {}", e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replies.close();
    }
}
