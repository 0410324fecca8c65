package io.lethe.query.log;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The transparency log's gauges: {@code lethe_log_tree_size} (leaves in the log),
 * {@code lethe_checkpoint_age_seconds} (since the latest signed checkpoint) and {@code lethe_log_unsigned_leaves}
 * (leaves no checkpoint covers yet). A checkpoint is signed only when the log grew, so the age also rises while the
 * log is idle; unsigned leaves that stay above zero are what says signing has stopped. Read from the database at
 * scrape time, so every query-side instance shows the shared log; a scrape while the database is away shows NaN
 * instead of failing.
 */
public final class LogMetrics implements MeterBinder {

    private final TransparencyLog log;
    private final Clock clock;

    /** @param clock the clock checkpoint ages are measured with */
    public LogMetrics(TransparencyLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Registers both gauges; they keep this object alive (a gauge holds its object weakly unless told otherwise). */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("lethe.log.tree.size", this, metrics -> orNaN(() -> (double) metrics.log.size()))
                .description("Leaves in the transparency log")
                .strongReference(true)
                .register(registry);
        Gauge.builder("lethe.checkpoint.age", this, LogMetrics::checkpointAgeSeconds)
                .description("Time since the latest signed checkpoint (NaN before the first)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("lethe.log.unsigned.leaves", this, LogMetrics::unsignedLeaves)
                .description("Leaves of the transparency log that no signed checkpoint covers yet")
                .strongReference(true)
                .register(registry);
    }

    private double unsignedLeaves() {
        return orNaN(() -> (double) (log.size() - log.latestCheckpoint().map(StoredCheckpoint::treeSize).orElse(0L)));
    }

    private double checkpointAgeSeconds() {
        return orNaN(() -> log.latestCheckpoint()
                .map(checkpoint -> Duration.between(checkpoint.createdAt(), clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN));
    }

    private static double orNaN(Supplier<Double> reading) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
