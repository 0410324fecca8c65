package io.lethe.app.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Send times fixed by the clock before the run starts: the i-th send is due at {@code start + i / rate}.
 * Latencies are measured from the due time, not from when the send happened, so a sender held up by a
 * slow system does not hide the queueing it causes (coordinated omission).
 */
final class OpenLoop {

    private final long startNanos;
    private final double periodNanos;

    OpenLoop(long startNanos, int perSecond) {
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / perSecond;
    }

    /** When the i-th send is due ({@link System#nanoTime()} scale). */
    long dueAt(int i) {
        return startNanos + (long) (i * periodNanos);
    }

    /** Waits until the i-th send is due; returns at once when it is already late. */
    void awaitDue(int i) {
        long due = dueAt(i);
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Milliseconds from the i-th send's due time to now. */
    double millisSinceDue(int i) {
        return (System.nanoTime() - dueAt(i)) / 1e6;
    }
}
