package io.lethe.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What a worker needs.
 *
 * @param kafka      Kafka client settings (at least {@code bootstrap.servers}); a {@code group.id} here
 *                   replaces the default group {@code lethe-workers}
 * @param dataSource the Lethe database: reads schema {@code vault}, owns schema {@code worker}
 * @param workerId   names this worker in {@code worker.job_runs} and in logs
 * @param meterRegistry where job durations, dead-lettered jobs and the job consumer's lag are counted
 */
public record WorkerSettings(Map<String, Object> kafka, DataSource dataSource, String workerId,
                             MeterRegistry meterRegistry) {

    public WorkerSettings {
        kafka = Map.copyOf(Objects.requireNonNull(kafka, "kafka"));
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("workerId must not be blank");
        }
    }

    /** A worker whose meters are kept in a registry of its own, exposed nowhere (tests). */
    public WorkerSettings(Map<String, Object> kafka, DataSource dataSource, String workerId) {
        this(kafka, dataSource, workerId, new SimpleMeterRegistry());
    }
}
