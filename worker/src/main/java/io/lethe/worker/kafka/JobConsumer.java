package io.lethe.worker.kafka;

import io.lethe.consumer.InfrastructureFailures;
import io.lethe.consumer.ConsumerMetrics;
import io.lethe.api.Topics;
import io.lethe.worker.job.JobHandler;
import io.lethe.worker.job.PoisonJobException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * retries after a back-off, so no job is skipped; a value that is not a job, or a job failing the same way
 * every time, goes to {@code lethe.jobs.dlq}, so no partition is stuck on it.
 */
public final class JobConsumer implements AutoCloseable {

    /** The consumer group every worker joins. */
    public static final String GROUP = "lethe-workers";
    private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Attempts of a job that fails deterministically (not the database or Kafka being away) before giving up. */
    static final int MAX_DETERMINISTIC_ATTEMPTS = 3;

    private final KafkaConsumer<String, byte[]> consumer;
    private final JobHandler handler;
    private final JobDeadLetters deadLetters;
    private final ConsumerMetrics consumerMetrics;
    private final ExecutorService jobThread;
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile boolean busy;
    private final Map<String, Integer> attempts = new HashMap<>();

    /** @param meters where the consumer's Kafka metrics (lag per partition) and its dead letters are counted */
    public JobConsumer(Map<String, Object> kafka, String workerId, JobHandler handler, MeterRegistry meters) {
        Map<String, Object> config = config(kafka, workerId);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.handler = handler;
        this.deadLetters = new JobDeadLetters(kafka);
        String group = String.valueOf(config.get(ConsumerConfig.GROUP_ID_CONFIG));
        this.consumerMetrics = ConsumerMetrics.bind(consumer, group, meters);
        FunctionCounter.builder("lethe.dead.letters", this, JobConsumer::deadLettered)
                .description("Values set aside on a dead-letter topic")
                .tag("topic", Topics.JOBS_DLQ)
                .register(meters);
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
            consumerMetrics.close();
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
        String at = partition + "@" + record.offset();
        try {
            job.get();
            attempts.remove(at);
            commit(partition, record.offset() + 1);
        } catch (ExecutionException e) {
            int tried = attempts.merge(at, 1, Integer::sum);
            if (!endsHere(record, e.getCause(), tried)) {
                Duration backoff = backoff(tried);
                LOG.warn("job at {} failed (attempt {}), retried in {} s: {}", at, tried, backoff.toSeconds(),
                        e.getCause().toString());
                rewind(partition, record.offset());
                long until = System.nanoTime() + backoff.toNanos();
                pollUntil(() -> System.nanoTime() >= until);
                return;
            }
            attempts.remove(at);
            commit(partition, record.offset() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Failure classes: the database or Kafka away is retried for as long as it takes (capped back-off); a
     * value that is not a job is dead-lettered at once; any other failure is tried
     * {@value #MAX_DETERMINISTIC_ATTEMPTS} times, then dead-lettered and its version ended FAILED with the
     * reason. True when the job is done with (its offset may be committed).
     */
    private boolean endsHere(ConsumerRecord<String, byte[]> record, Throwable failure, int tried) {
        boolean poison = failure instanceof PoisonJobException;
        if (!poison && (InfrastructureFailures.isTransient(failure) || tried < MAX_DETERMINISTIC_ATTEMPTS)) {
            return false;
        }
        String reason = poison ? failure.getMessage()
                : "gave up after " + tried + " attempts: " + failure;
        try {
            if (!poison) {
                handler.giveUp(record.value(), reason);
            }
            deadLetters.send(record, poison ? JobDeadLetters.NOT_A_JOB : JobDeadLetters.FAILED_REPEATEDLY, reason,
                    tried);
            LOG.error("job at {}-{}@{} dead-lettered to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.JOBS_DLQ, reason);
            return true;
        } catch (Exception e) {
            LOG.warn("could not dead-letter the job at {}@{} yet: {}", record.partition(), record.offset(), e.toString());
            return false;
        }
    }

    private static Duration backoff(int tried) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(tried - 1, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    /** How many jobs this worker dead-lettered since it started. */
    public long deadLettered() {
        return deadLetters.count();
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
        deadLetters.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
