package io.lethe.worker;

import io.lethe.worker.steps.JobExecutor;
import io.lethe.worker.steps.ModelCache;
import io.lethe.worker.steps.TaskCatalog;
import io.lethe.worker.job.JobHandler;
import io.lethe.worker.job.JobMetrics;
import io.lethe.worker.kafka.JobConsumer;
import io.lethe.worker.kafka.ResultPublisher;
import io.lethe.worker.store.WorkerStore;
import io.lethe.worker.vault.VaultReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker as one startable unit: consumes jobs from {@code lethe.jobs} (group {@code lethe-workers}),
 * drives the accelerator simulator, keeps device state in schema {@code worker} and sends each job's
 * result on {@code lethe.commands}. Start as many as you like; Kafka spreads models across them and a
 * model's jobs run in order on one worker at a time. The database must already be migrated.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Models whose device state one worker keeps in memory; others are restored from snapshots. */
    private static final int MODELS_IN_MEMORY = 8;

    private final ResultPublisher publisher;
    private final JobConsumer consumer;
    private final String workerId;

    private Worker(ResultPublisher publisher, JobConsumer consumer, String workerId) {
        this.publisher = publisher;
        this.consumer = consumer;
        this.workerId = workerId;
    }

    /** Starts consuming jobs; returns at once. */
    public static Worker start(WorkerSettings settings) {
        WorkerStore store = new WorkerStore(settings.dataSource());
        ModelCache cache = new ModelCache(MODELS_IN_MEMORY);
        JobExecutor executor = new JobExecutor(store, new VaultReader(settings.dataSource()), cache,
                new TaskCatalog());
        ResultPublisher publisher = new ResultPublisher(settings.kafka());
        JobHandler handler = new JobHandler(store, executor, cache, publisher, settings.workerId(),
                new JobMetrics(settings.meterRegistry()));
        JobConsumer consumer = new JobConsumer(settings.kafka(), settings.workerId(), handler,
                settings.meterRegistry());
        consumer.start();
        LOG.info("worker {} started", settings.workerId());
        return new Worker(publisher, consumer, settings.workerId());
    }

    /** Whether the job consumer still runs (for health checks). */
    public boolean isAlive() {
        return consumer.isAlive();
    }

    /** Stops consuming and leaves the group; an unfinished job is redone (or its stored result resent) later. */
    @Override
    public void close() {
        consumer.close();
        publisher.close();
        LOG.info("worker {} stopped", workerId);
    }
}
