package io.lethe.worker.store;

/**
 * A finished job as recorded in {@code worker.job_runs}.
 *
 * @param result the {@code CompleteJobCommand} as JSON, exactly as sent (and resent on redelivery)
 */
public record JobRun(String jobId, String modelId, String jobType, int version, int baseVersion, String status,
                     String result, String workerId, long wallMillis) {
}
