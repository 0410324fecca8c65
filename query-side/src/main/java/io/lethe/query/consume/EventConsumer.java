package io.lethe.query.consume;

import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projects {@code lethe.events} into PostgreSQL. Each event is applied in one transaction that also
 * records its id, so redelivered events change nothing; offsets are committed after the batch, so
 * a crash replays at most the uncommitted tail, which is then deduplicated.
 */
public final class EventConsumer implements AutoCloseable {

    public static final String CONSUMER_GROUP = "lethe-query-side";
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Transactions transactions;
    private final List<EventProjection> projections;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;

    public EventConsumer(Map<String, Object> kafka, Transactions transactions, List<EventProjection> projections) {
        this(kafka, CONSUMER_GROUP, transactions, projections);
    }

    /**
     * @param groupId the consumer group; a new group reads {@code lethe.events} from the beginning, which is how
     *                projections are rebuilt into empty tables
     */
    public EventConsumer(Map<String, Object> kafka, String groupId, Transactions transactions,
                         List<EventProjection> projections) {
        this.consumer = new KafkaConsumer<>(config(kafka, groupId));
        this.transactions = transactions;
        this.projections = List.copyOf(projections);
        this.thread = new Thread(this::run, "lethe-event-consumer");
    }

    public void start() {
        consumer.subscribe(List.of(Topics.EVENTS));
        thread.start();
    }

    /** How many events this consumer applied (not counting duplicates) since it started. */
    public long appliedCount() {
        return applied.get();
    }

    private void run() {
        try {
            while (running) {
                Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!applyWithRetry(record)) {
                        break; // stopping: what was not applied must be delivered again, so it is not committed
                    }
                    applied.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                if (!applied.isEmpty()) {
                    consumer.commitSync(applied);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("event consumer stopped on an unexpected failure", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Our own failures (database down) are retried on the same event; it is never skipped. */
    /** True when the event was applied (or is unreadable and passed); false when stopping before it was. */
    private boolean applyWithRetry(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = EventEnvelope.fromCloudEvent(CloudEventCodec.parse(record.value(), Integer.MAX_VALUE));
        } catch (RuntimeException e) {
            // Only the command side writes this topic; an unreadable value is a poison pill, logged and passed.
            LOG.error("unreadable event at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return true;
        }
        long backoff = 100;
        while (running) {
            try {
                apply(event);
                return true;
            } catch (IllegalStateException e) {
                LOG.warn("event at {}-{}@{} retried in {} ms: {}", record.topic(), record.partition(),
                        record.offset(), backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
        return false;
    }

    private void apply(EventEnvelope event) {
        boolean fresh = transactions.inTransaction(connection -> {
            if (!ProcessedEvents.claim(connection, event.eventId(), event.eventType())) {
                return false;
            }
            for (EventProjection projection : projections) {
                projection.apply(event, connection);
            }
            return true;
        });
        if (fresh) {
            applied.incrementAndGet();
        }
    }

    private static Map<String, Object> config(Map<String, Object> kafka, String groupId) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
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
    }
}
