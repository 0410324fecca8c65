package io.lethe.query.consume;

import io.lethe.consumer.InfrastructureFailures;
import io.lethe.consumer.ConsumerMetrics;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.events.EventEnvelope;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projects {@code lethe.events} into PostgreSQL. Each polled batch is applied in one transaction that
 * also records the event ids, so redelivered events change nothing; offsets are committed after the
 * transaction, so a crash replays at most the uncommitted batch, which is then deduplicated.
 */
public final class EventConsumer implements AutoCloseable {

    public static final String CONSUMER_GROUP = "lethe-query-side";
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Transactions transactions;
    private final List<EventProjection> projections;
    private final EventDeadLetters deadLetters;
    private final Thread thread;
    private final ConsumerMetrics consumerMetrics;
    private final Timer projectionLag;
    private final Timer parsing;
    private final Timer applying;
    private final Timer committing;
    private final Timer claiming;
    private final List<Timer> projectionTimers;
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
        this(kafka, groupId, transactions, projections, new SimpleMeterRegistry());
    }

    /**
     * @param meters where the consumer's Kafka metrics (lag per partition), its dead letters and the projection
     *               lag ({@code lethe_projection_lag_seconds}: from an event's publication to its projection) go
     */
    public EventConsumer(Map<String, Object> kafka, String groupId, Transactions transactions,
                         List<EventProjection> projections, MeterRegistry meters) {
        this.consumer = new KafkaConsumer<>(config(kafka, groupId));
        this.deadLetters = new EventDeadLetters(kafka);
        this.transactions = transactions;
        this.projections = List.copyOf(projections);
        this.thread = new Thread(this::run, "lethe-event-consumer");
        this.consumerMetrics = ConsumerMetrics.bind(consumer, groupId, meters);
        this.projectionLag = Timer.builder("lethe.projection.lag")
                .description("From an event's publication on lethe.events to its projection by the query side")
                .register(meters);
        this.parsing = stage(meters, "project.parse");
        this.applying = stage(meters, "project.apply");
        this.committing = stage(meters, "project.offset-commit");
        this.claiming = stage(meters, "project.claim");
        this.projectionTimers = this.projections.stream()
                .map(p -> stage(meters, "project.by." + p.getClass().getSimpleName())).toList();
        FunctionCounter.builder("lethe.dead.letters", this, EventConsumer::deadLettered)
                .description("Values set aside on a dead-letter topic")
                .tag("topic", Topics.EVENTS_DLQ)
                .register(meters);
    }

    /** The command side's {@code lethe_pipeline_stage_seconds}, continued here: the query side's stages, per batch. */
    private static Timer stage(MeterRegistry meters, String stage) {
        return Timer.builder("lethe.pipeline.stage")
                .description("Time spent in one stage of the command pipeline, recorded per batch")
                .tag("stage", stage)
                .register(meters);
    }

    public void start() {
        consumer.subscribe(List.of(Topics.EVENTS));
        thread.start();
    }

    /** False once the consumer has stopped, whether closed or on a failure it could not get past. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** How many events this consumer applied (not counting duplicates) since it started. */
    public long appliedCount() {
        return applied.get();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<Polled> events = parsing.record(() -> readable(records));
                if (!applying.record(() -> applyWithRetry(events))) {
                    break; // stopping: what was not applied must be delivered again, so it is not committed
                }
                recordLag(records);
                committing.record(() -> commit(nextOffsets(records)));
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("event consumer stopped on an unexpected failure", e);
        } finally {
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close();
        }
    }

    /** How far behind the projections are: each applied event's age, from its Kafka timestamp (set when published). */
    private void recordLag(ConsumerRecords<String, byte[]> records) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.timestamp() > 0) {
                projectionLag.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** An event as polled: its record (to dead-letter it) and what it says. */
    private record Polled(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    }

    /** Only the command side writes this topic; an unreadable value is a poison pill: dead-lettered, passed. */
    private List<Polled> readable(ConsumerRecords<String, byte[]> records) {
        List<Polled> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(new Polled(record,
                        EventEnvelope.fromCloudEvent(CloudEventCodec.parse(record.value(), Integer.MAX_VALUE))));
            } catch (RuntimeException e) {
                deadLetter(record, "UNREADABLE_EVENT", e);
            }
        }
        return events;
    }

    /**
     * Failure classes: the database or Kafka away is retried on the same batch with a capped back-off, no
     * event ever skipped; any other failure means an event that cannot be applied, so the batch is applied
     * event by event, each projection in a savepoint, and what a projection refuses is dead-lettered
     * while the other projections and the other events go on.
     *
     * @return true when the batch was applied; false when stopping before it was
     */
    private boolean applyWithRetry(List<Polled> events) {
        long backoff = 100;
        while (running) {
            try {
                apply(events.stream().map(Polled::event).toList());
                return true;
            } catch (RuntimeException e) {
                if (!InfrastructureFailures.isTransient(e)) {
                    return applyIsolated(events);
                }
                LOG.warn("a batch of {} events retried in {} ms: {}", events.size(), backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
        return false;
    }

    /**
     * A polled batch in one transaction (one commit instead of one per event): the new event ids are
     * claimed in one statement, and each projection applies the new events in order.
     */
    private void apply(List<EventEnvelope> events) {
        int fresh = transactions.inTransaction(connection -> {
            long claimStart = System.nanoTime();
            List<EventEnvelope> unseen = ProcessedEvents.claimAll(connection, events);
            claiming.record(System.nanoTime() - claimStart, TimeUnit.NANOSECONDS);
            for (int i = 0; i < projections.size(); i++) {
                long start = System.nanoTime();
                projections.get(i).applyAll(unseen, connection);
                projectionTimers.get(i).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return unseen.size();
        });
        applied.addAndGet(fresh);
    }

    private boolean applyIsolated(List<Polled> events) {
        for (Polled polled : events) {
            long backoff = 100;
            while (true) {
                if (!running) {
                    return false;
                }
                try {
                    applyIsolated(polled);
                    break;
                } catch (RuntimeException e) {
                    if (!InfrastructureFailures.isTransient(e)) {
                        throw e; // not a projection's refusal: our own failure, stops loudly
                    }
                    sleep(backoff);
                    backoff = Math.min(5_000, backoff * 2);
                }
            }
        }
        return true;
    }

    /** One event, each projection in a savepoint: a projection's deterministic refusal is set aside alone. */
    private void applyIsolated(Polled polled) {
        List<String> refusals = transactions.inTransaction(connection -> {
            List<EventEnvelope> unseen = ProcessedEvents.claimAll(connection, List.of(polled.event()));
            List<String> refused = new ArrayList<>();
            for (EventProjection projection : projections) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    projection.applyAll(unseen, connection);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                    if (InfrastructureFailures.isTransient(e)) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    refused.add(projection.getClass().getSimpleName() + ": " + e);
                }
            }
            applied.addAndGet(unseen.size());
            return refused;
        });
        if (!refusals.isEmpty()) {
            deadLetter(polled.record(), "PROJECTION_FAILED", new IllegalArgumentException(String.join("; ", refusals)));
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String code, Exception cause) {
        String message = String.valueOf(cause.getMessage());
        deadLetters.send(record, code, message.length() > 2000 ? message.substring(0, 2000) : message);
        LOG.error("event at {}-{}@{} dead-lettered to {} ({}): {}", record.topic(), record.partition(),
                record.offset(), Topics.EVENTS_DLQ, code, message);
    }

    /** {@code /health}'s view: alive, and degraded once it has dead-lettered an event. */
    public io.lethe.query.http.DegradablePart health() {
        return new io.lethe.query.http.DegradablePart() {
            @Override
            public boolean getAsBoolean() {
                return isAlive();
            }

            @Override
            public java.util.Optional<String> degradation() {
                return deadLetters.summary();
            }
        };
    }

    /** How many events this consumer dead-lettered since it started. */
    public long deadLettered() {
        return deadLetters.count();
    }

    /**
     * Asynchronous, so the next batch is handled while the broker stores these offsets (a round trip per batch
     * off the loop). A commit that fails or never completes (the broker restarting, a rebalance, a crash) loses
     * nothing: the batch is delivered again and its events are recognised by their ids. So a failure is logged,
     * never allowed to stop the consumer; Kafka completes async commits in order, so a later one supersedes it.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.warn("offsets not committed, the batch will be delivered again: {}", failure.getMessage());
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(polled.get(polled.size() - 1).offset() + 1));
        }
        return offsets;
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
