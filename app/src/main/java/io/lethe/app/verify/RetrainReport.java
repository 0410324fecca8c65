package io.lethe.app.verify;

import io.lethe.api.events.VersionCause;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code lethe verify --retrain} found: for every completed version, each component's recorded weights digest
 * beside the one its replayed training gives, or why the version could not be replayed.
 *
 * @param versions every completed version looked at, in event-store order
 * @param problems stored events that could not be read or paired (each fails the verification)
 * @param nanos    wall time of the whole retrain check
 */
public record RetrainReport(List<VersionCheck> versions, List<String> problems, long nanos) {

    public RetrainReport {
        versions = List.copyOf(versions);
        problems = List.copyOf(problems);
    }

    /** How far a version's replay got. */
    public enum Outcome {
        /** Replayed: every component's digest was compared. */
        REPLAYED,
        /** Deliberately impossible to replay: an erasure in the ledger shredded its records' keys. Not a failure. */
        NOT_REPLAYABLE,
        /**
         * The job that once completed cannot be run again: it now fails, or its records or base state are gone
         * without an erasure to account for it (the vault and the workers never delete either otherwise).
         */
        REPLAY_FAILED
    }

    /**
     * One component of a replayed version.
     *
     * @param retrained  the version's job (re)trained it; otherwise it was carried over from the base version
     * @param recorded   the weights digest {@code VersionCompletedEvent} records ({@code null}: it lists none)
     * @param recomputed the digest of the replay ({@code null}: the replay produced no such component)
     */
    public record ComponentCheck(String componentId, boolean retrained, String recorded, String recomputed) {

        public boolean matches() {
            return recorded != null && recorded.equals(recomputed);
        }
    }

    /**
     * One completed version.
     *
     * @param components the compared components (empty unless {@link Outcome#REPLAYED})
     * @param reason     why it was not replayable or why the replay failed, else {@code null}
     * @param nanos      time its replay took
     */
    public record VersionCheck(String modelId, int version, int baseVersion, VersionCause cause, Outcome outcome,
                               List<ComponentCheck> components, String reason, long nanos) {

        public VersionCheck {
            components = List.copyOf(components);
        }

        /** @return whether this version passes: every digest matches, or it is (deliberately) not replayable */
        public boolean ok() {
            return outcome == Outcome.NOT_REPLAYABLE
                    || outcome == Outcome.REPLAYED && components.stream().allMatch(ComponentCheck::matches);
        }

        /** @return one line for a terminal */
        public String line() {
            String head = modelId + " v" + version + " " + cause + (baseVersion == 0 ? "" : " from v" + baseVersion)
                    + String.format(" (%.2f s): ", nanos / 1e9);
            return switch (outcome) {
                case NOT_REPLAYABLE -> head + "not replayable: " + reason;
                case REPLAY_FAILED -> head + "REPLAY FAILED: " + reason;
                case REPLAYED -> head + describe(true) + describe(false);
            };
        }

        /** @return one line per component whose digest differs, naming everything needed to look into it */
        public List<String> mismatches() {
            List<String> out = new ArrayList<>();
            for (ComponentCheck c : components) {
                if (!c.matches()) {
                    out.add("MISMATCH model " + modelId + " version " + version + " component " + c.componentId()
                            + (c.retrained() ? "" : " (carried over from v" + baseVersion + ": the workers' stored"
                            + " state of v" + baseVersion + " is not what this version records)")
                            + ": recorded " + Objects.requireNonNullElse(c.recorded(), "nothing")
                            + ", retraining gives " + Objects.requireNonNullElse(c.recomputed(), "nothing"));
                }
            }
            if (outcome == Outcome.REPLAY_FAILED) {
                out.add("REPLAY FAILED model " + modelId + " version " + version + ": " + reason);
            }
            return out;
        }

        private String describe(boolean retrained) {
            List<ComponentCheck> some = components.stream().filter(c -> c.retrained() == retrained).toList();
            if (some.isEmpty()) {
                return "";
            }
            String verdicts = some.stream().map(c -> c.componentId() + " " + (c.matches() ? "match"
                    : "MISMATCH")).collect(Collectors.joining(", "));
            return retrained ? "retrained " + verdicts : "; carried over " + verdicts;
        }
    }

    /** @return whether every replayed digest matched and nothing failed ({@code not replayable} is no failure) */
    public boolean ok() {
        return problems.isEmpty() && versions.stream().allMatch(VersionCheck::ok);
    }

    /** @return every failure, first found first */
    public List<String> failures() {
        List<String> out = new ArrayList<>(problems);
        versions.forEach(v -> out.addAll(v.mismatches()));
        return out;
    }

    /** @return a few lines for a terminal */
    public String summary() {
        List<ComponentCheck> compared = versions.stream().flatMap(v -> v.components().stream()).toList();
        long retrained = compared.stream().filter(ComponentCheck::retrained).count();
        long matched = compared.stream().filter(ComponentCheck::matches).count();
        List<VersionCheck> skipped = versions.stream().filter(v -> v.outcome() == Outcome.NOT_REPLAYABLE).toList();
        List<VersionCheck> backbones = versions.stream()
                .filter(v -> v.cause() == VersionCause.TRAIN_BACKBONE && v.outcome() != Outcome.NOT_REPLAYABLE)
                .toList();
        String counts = String.format("retrained %d of %d completed versions in %.3f s (%d backbone trainings,"
                        + " %.3f s); %d of %d component digests match (%d retrained, %d carried over);"
                        + " not replayable: %d",
                versions.size() - skipped.size(), versions.size(), nanos / 1e9, backbones.size(),
                backbones.stream().mapToLong(VersionCheck::nanos).sum() / 1e9, matched, compared.size(), retrained,
                compared.size() - retrained, skipped.size());
        String notReplayable = skipped.isEmpty() ? "" : "\nnot replayable (listed, not failed): " + skipped.stream()
                .map(v -> v.modelId() + " v" + v.version() + ": " + v.reason()).collect(Collectors.joining("\n  "));
        if (ok()) {
            return counts + notReplayable + "\nOK: every replayed training gives the recorded weights, bit for bit";
        }
        List<String> failures = failures();
        return counts + notReplayable + "\nFAILED (" + failures.size() + "): " + String.join("\n  ", failures);
    }
}
