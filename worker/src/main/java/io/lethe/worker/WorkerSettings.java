package io.lethe.worker;

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
 */
public record WorkerSettings(Map<String, Object> kafka, DataSource dataSource, String workerId) {

    public WorkerSettings {
        kafka = Map.copyOf(Objects.requireNonNull(kafka, "kafka"));
        Objects.requireNonNull(dataSource, "dataSource");
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("workerId must not be blank");
        }
    }
}
