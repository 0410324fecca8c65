package io.lethe.worker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lethe.api.Json;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Job;
import io.lethe.worker.steps.Execution;
import io.lethe.worker.steps.JobExecutor;
import io.lethe.worker.steps.ModelCache;
import io.lethe.worker.store.JobRun;
import io.lethe.worker.store.WorkerStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job, exactly once in effect: a job already recorded in {@code worker.job_runs} is answered with the
 * stored result (no recompute); otherwise it runs, its result is stored in the same transaction as the
 * device state it produced, and only then sent. A crash anywhere before the send leaves either nothing
 * (the job runs again) or the stored run (the result is resent); the command side ignores a repeated
 * result by its command id.
 */
public final class JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JobHandler.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final WorkerStore store;
    private final JobExecutor executor;
    private final ModelCache cache;
    private final ResultSink results;
    private final String workerId;
    private final JobMetrics metrics;

    /** A handler whose job durations are counted nowhere that is exposed (tests). */
    public JobHandler(WorkerStore store, JobExecutor executor, ModelCache cache, ResultSink results,
                      String workerId) {
        this(store, executor, cache, results, workerId, new JobMetrics(new SimpleMeterRegistry()));
    }

    /** @param metrics where each job's duration is recorded by kind and outcome */
    public JobHandler(WorkerStore store, JobExecutor executor, ModelCache cache, ResultSink results,
                      String workerId, JobMetrics metrics) {
        this.store = store;
        this.executor = executor;
        this.cache = cache;
        this.results = results;
        this.workerId = workerId;
        this.metrics = metrics;
    }

    /**
     * Handles one value of {@code lethe.jobs}. A job whose execution fails ends as a FAILED result; what is
     * thrown is either {@link PoisonJobException} (the value is not a job: dead-letter it) or a failure of
     * the database or Kafka, which the consumer classifies and retries.
     */
    public void handle(byte[] value) throws Exception {
        Job job = parse(value);
        Optional<JobRun> done = store.findRun(job.jobId());
        if (done.isPresent()) {
            LOG.info("job {} was {} before; resending its result", job.jobId(), done.get().status());
            results.send(job.modelId(), job.jobId(), done.get().result());
            return;
        }
        String result = runAndStore(job);
        results.send(job.modelId(), job.jobId(), result);
    }

    private String runAndStore(Job job) throws SQLException, JsonProcessingException {
        long start = System.nanoTime();
        LOG.info("job {} ({} of model {} -> v{}) started", job.jobId(), job.type(), job.modelId(), job.version());
        Execution execution;
        try {
            execution = executor.execute(job);
        } catch (RuntimeException e) {
            LOG.warn("job {} ({} of model {}) failed: {}", job.jobId(), job.type(), job.modelId(), e.toString());
            return storeFailure(job, reason(e), start);
        }
        String json = Json.mapper().writeValueAsString(execution.result());
        JobRun run = run(job, CompleteJobCommand.COMPLETED, json, start);
        boolean stored;
        try {
            stored = execution.isDeploy() ? store.saveDeployed(run, execution.deployed())
                    : store.saveProduced(run, execution.task(), execution.preset(), execution.snapshot(),
                    execution.components());
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            return storeFailure(job, "version " + job.version() + " of model " + job.modelId()
                    + " was already produced by another job", start);
        }
        if (!stored) {
            cache.evict(job.modelId());
            return storedResult(job);
        }
        if (execution.model() != null) {
            cache.put(job.modelId(), job.version(), execution.model());
        }
        LOG.info("job {} ({} of model {} -> v{}) completed in {} ms, snapshot {} bytes", job.jobId(), job.type(),
                job.modelId(), job.version(), run.wallMillis(),
                execution.snapshot() == null ? 0 : execution.snapshot().length);
        return json;
    }

    /**
     * The consumer gives up on a job that failed the same way too often: its version ends FAILED with the
     * reason. Not stored (the store may be what fails); the result's command id is the job's, so a result
     * sent later for the same job has no second effect.
     */
    public void giveUp(byte[] value, String reason) throws Exception {
        Job job = parse(value);
        cache.evict(job.modelId());
        CompleteJobCommand failed = new CompleteJobCommand(ModelId.of(job.modelId()), job.jobId(),
                Math.max(job.version(), 0), CompleteJobCommand.FAILED, null, null, null, reason);
        results.send(job.modelId(), job.jobId(), Json.mapper().writeValueAsString(failed));
    }

    private String storeFailure(Job job, String reason, long start) throws SQLException, JsonProcessingException {
        cache.evict(job.modelId());
        CompleteJobCommand failed = new CompleteJobCommand(ModelId.of(job.modelId()), job.jobId(),
                Math.max(job.version(), 0), CompleteJobCommand.FAILED, null, null, null, reason);
        String json = Json.mapper().writeValueAsString(failed);
        return store.saveFailed(run(job, CompleteJobCommand.FAILED, json, start)) ? json : storedResult(job);
    }

    /** Another worker stored this job first (a rebalance while it ran here): its result is the one. */
    private String storedResult(Job job) throws SQLException {
        return store.findRun(job.jobId()).orElseThrow(() -> new SQLException("job run " + job.jobId()
                + " vanished")).result();
    }

    private JobRun run(Job job, String status, String json, long start) {
        // The run's duration is taken once, here, so the stored wall time and the timer agree.
        long nanos = System.nanoTime() - start;
        metrics.ran(String.valueOf(job.type()), status, nanos);
        return new JobRun(job.jobId(), job.modelId(), String.valueOf(job.type()), job.version(), job.baseVersion(),
                status, json, workerId, nanos / 1_000_000);
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private static Job parse(byte[] value) throws PoisonJobException {
        try {
            Job job = Json.mapper().readValue(value, Job.class);
            if (job.jobId() == null || job.jobId().isBlank() || job.jobId().length() > 256 || job.modelId() == null) {
                throw new IllegalArgumentException("jobId (1-256 characters) and modelId are required");
            }
            ModelId.of(job.modelId());
            return job;
        } catch (java.io.IOException | RuntimeException e) {
            throw new PoisonJobException("not a job: " + e.getMessage());
        }
    }
}
