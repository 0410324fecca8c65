package io.lethe.sim.report;

/** Receives progress of a long report run (the CLI draws a progress bar from it). */
@FunctionalInterface
public interface ProgressListener {

    /** Step {@code done} of {@code total} finished; {@code label} says what runs next. */
    void step(String label, int done, int total);

    /** Ignores progress. */
    ProgressListener NONE = (label, done, total) -> { };
}
