package io.lethe.app.verify;

import java.util.List;

/**
 * What a replay verification found.
 *
 * @param events          events replayed from the event store
 * @param storedLeaves    leaves of the query side's log compared with the replayed ones
 * @param legacyLeaves    of those, leaves logged in Lethe 0.2's encoding before RFC 8785 (accepted, counted)
 * @param checkpoints     signed checkpoints checked (signature and root)
 * @param models          read-model rows compared
 * @param unpublished     stored events not yet given a leaf index (in flight; not an error)
 * @param nanos           wall time of the replay
 * @param failures        what did not match, first failure first; empty when everything verified
 */
public record VerifyReport(long events, long storedLeaves, long legacyLeaves, int checkpoints, int models, long unpublished, long nanos,
                           List<String> failures) {

    public VerifyReport {
        failures = List.copyOf(failures);
    }

    /** @return whether every check passed */
    public boolean ok() {
        return failures.isEmpty();
    }

    /** @return replayed events per second */
    public double eventsPerSecond() {
        return nanos == 0 ? 0 : events * 1e9 / nanos;
    }

    /** @return a few lines for a terminal */
    public String summary() {
        String counts = String.format("replayed %d events in %.3f s (%.0f events/s); compared %d stored leaves,"
                        + " %d signed checkpoints, %d models; %d events not yet published",
                events, nanos / 1e9, eventsPerSecond(), storedLeaves, checkpoints, models, unpublished)
                + (legacyLeaves == 0 ? "" : "; " + legacyLeaves + " stored leaves in Lethe 0.2's encoding");
        if (ok()) {
            return counts + "\nOK: the event store, the log, its checkpoints and the projections agree";
        }
        return counts + "\nFAILED (" + failures.size() + "): " + String.join("\n  ", failures);
    }
}
