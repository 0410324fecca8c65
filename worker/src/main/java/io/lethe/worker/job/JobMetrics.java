package io.lethe.worker.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * {@code lethe_jobs_seconds{kind,status}}: how long each job this worker ran took, from start to its stored
 * result, by job type ({@code TRAIN_BACKBONE}, {@code LEARN}, ...) and outcome ({@code completed},
 * {@code failed}). A job answered from its stored run (redelivered) is not timed: it did not run again.
 * Buckets from 100 ms to 30 min: a deployment takes milliseconds, a backbone on real data minutes.
 */
public final class JobMetrics {

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final MeterRegistry registry;

    /** @param registry where the timers are registered */
    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One job ran for {@code nanos} and ended with {@code status}. */
    void ran(String kind, String status, long nanos) {
        Timer.builder("lethe.jobs")
                .description("Jobs run by this worker, by kind and outcome")
                .tag("kind", kind)
                .tag("status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
