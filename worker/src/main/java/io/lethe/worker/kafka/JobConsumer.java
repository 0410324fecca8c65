package io.lethe.worker.kafka;

import io.lethe.api.Topics;
import io.lethe.worker.job.JobHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code lethe.jobs} in group {@code lethe-workers}, one job at a time. A job runs on its own
 * thread while this thread keeps polling with every partition paused, so a job that takes minutes never
 * gets the worker evicted from the group. The offset is committed only after the job's result was
 * stored and acknowledged by Kafka; a failure that may pass (database, Kafka) rewinds to the job and
 * retries after a back-off, so no job is skipped and no partition is stuck on a bad value.
 */
public final class JobConsumer implements AutoCloseable {

    /** The consumer group every worker joins. */
    public static final String GROUP = "lethe-workers";
    private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final JobHandler handler;
    private final ExecutorService jobThread;
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile boolean busy;

    public JobConsumer(Map<String, Object> kafka, String workerId, JobHandler handler) {
        this.consumer = new KafkaConsumer<>(config(kafka, workerId), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.handler = handler;
        this.jobThread = Executors.newSingleThreadExecutor(r -> daemon(r, "lethe-worker-job-" + workerId));
        this.pollThread = daemon(this::pollLoop, "lethe-worker-poll-" + workerId);
    }

    public void start() {
        pollThread.start();
    }

    /** False once the consumer has stopped, whether closed or on a failure it could not get past. */
    public boolean isAlive() {
        return pollThread.isAlive();
    }

    private static Map<String, Object> config(Map<String, Object> kafka, String workerId) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A killed worker's jobs move to another worker after this long (the broker's minimum is 6 s).
        c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "lethe-worker-" + workerId);
        return c;
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(Topics.JOBS), new PauseWhileBusy());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (running) {
                        process(record);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("job consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        busy = true;
        consumer.pause(consumer.assignment());
        try {
            Future<?> job = jobThread.submit(() -> {
                handler.handle(record.value());
                return null;
            });
            pollUntil(job::isDone);
            if (!running) {
                return;
            }
            finish(job, record, partition);
        } finally {
            busy = false;
            consumer.resume(consumer.paused());
        }
    }

    private void finish(Future<?> job, ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        try {
            job.get();
            commit(partition, record.offset() + 1);
        } catch (ExecutionException e) {
            LOG.warn("job at {}@{} will be retried: {}", partition, record.offset(), e.getCause().toString());
            rewind(partition, record.offset());
            long until = System.nanoTime() + RETRY_BACKOFF.toNanos();
            pollUntil(() -> System.nanoTime() >= until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Polls (all partitions paused) until {@code done}; records that slip through are rewound, not lost. */
    private void pollUntil(java.util.function.BooleanSupplier done) {
        while (running && !done.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                rewind(new TopicPartition(r.topic(), r.partition()), r.offset());
            }
        }
    }

    private void commit(TopicPartition partition, long next) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
        } catch (KafkaException e) {
            // Lost the partition meanwhile: its next owner gets the job again and resends the stored result.
            LOG.warn("could not commit {} at {}: {}", partition, next, e.toString());
        }
    }

    private void rewind(TopicPartition partition, long offset) {
        try {
            consumer.seek(partition, offset);
        } catch (IllegalStateException e) {
            LOG.debug("{} is no longer assigned; its next owner starts from the committed offset", partition);
        }
    }

    /** Partitions assigned while a job runs stay paused until it ends. */
    private final class PauseWhileBusy implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("assigned {}", partitions);
            if (busy) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            LOG.info("revoked {}", partitions);
        }
    }

    /** Stops polling and leaves the group; a job still running is abandoned (it is redone or resent later). */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            pollThread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobThread.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
