package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka consumer on {@code lethe.commands}: each record is handled, answered, and only then
 * its offset committed, so a crash loses no accepted command (it is redelivered and deduplicated).
 * A failure on our side is retried on the same record after a back-off: never a skipped command,
 * never a stuck partition for bad input.
 */
public final class CommandIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final CommandRecordHandler handler;
    private final Replies replies;
    private final Thread thread;
    private volatile boolean running = true;
    private long backoffMs = 100;

    public CommandIntake(Map<String, Object> consumerConfig, CommandRecordHandler handler, Replies replies) {
        this.consumer = new KafkaConsumer<>(consumerConfig);
        this.handler = handler;
        this.replies = replies;
        this.thread = new Thread(this::run, "lethe-command-intake");
    }

    public void start() {
        consumer.subscribe(List.of(Topics.COMMANDS));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("command intake stopped on an unexpected failure", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!handled(record)) {
                    finish(done);
                    rewind(records, done, record);
                    return;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        finish(done);
    }

    /** False when a failure on our side means the record must be tried again after a back-off. */
    private boolean handled(ConsumerRecord<String, byte[]> record) {
        try {
            CommandResult result = handler.handle(record);
            replies.reply(record, result);
            backoffMs = 100;
            return true;
        } catch (RetryableFailure e) {
            LOG.warn("command at {}-{}@{} will be retried in {} ms: {}", record.topic(), record.partition(),
                    record.offset(), backoffMs, e.getMessage());
            sleep(backoffMs);
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            return false;
        }
    }

    /** Moves every partition of the batch back to its first record not yet handled. */
    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done,
                        ConsumerRecord<String, byte[]> failed) {
        for (TopicPartition partition : records.partitions()) {
            OffsetAndMetadata handledUpTo = done.get(partition);
            long next = handledUpTo != null ? handledUpTo.offset() : records.records(partition).get(0).offset();
            consumer.seek(partition, next);
        }
        consumer.seek(new TopicPartition(failed.topic(), failed.partition()), failed.offset());
    }

    private void finish(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        replies.flush();
        consumer.commitSync(done);
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
