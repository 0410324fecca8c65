package io.lethe.query.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Signs a checkpoint every period in which the log grew, on one daemon thread; {@link #close()} stops it. */
public final class CheckpointSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final TransparencyLog log;
    private final ScheduledExecutorService executor;

    private CheckpointSchedule(TransparencyLog log) {
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lethe-checkpoint-signer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts signing every {@code period}. */
    public static CheckpointSchedule start(TransparencyLog log, Duration period) {
        CheckpointSchedule schedule = new CheckpointSchedule(log);
        long millis = period.toMillis();
        schedule.executor.scheduleWithFixedDelay(schedule::tick, millis, millis, TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void tick() {
        // A failed tick (database down, refused checkpoint) must not cancel the schedule: log it and try again.
        try {
            if (log.grewSinceLastCheckpoint()) {
                StoredCheckpoint signed = log.signLatest();
                LOG.debug("signed checkpoint at tree size {}", signed.treeSize());
            }
        } catch (InconsistentCheckpointException e) {
            LOG.error("refused to sign a checkpoint: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("checkpoint signing failed, retried next period: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
