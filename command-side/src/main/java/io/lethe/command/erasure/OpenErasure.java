package io.lethe.command.erasure;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The open erasure of a subject, as the aggregate tracks it: which models are still to settle and deploy. */
final class OpenErasure {

    /** Where one model stands: settled (forgot or never saw) and, when it made a new version, deployed. */
    record ModelProgress(boolean settled, Integer versionAfter, boolean deployed) {

        boolean done() {
            return settled && (versionAfter == null || deployed);
        }
    }

    String erasureId;
    Instant receivedAt;
    Instant dueAt;
    boolean overdue;
    TreeMap<String, ModelProgress> models = new TreeMap<>();

    /** Required by snapshot serialisation. */
    OpenErasure() {
    }

    OpenErasure(String erasureId, Instant receivedAt, Instant dueAt, Iterable<String> modelIds) {
        this.erasureId = erasureId;
        this.receivedAt = receivedAt;
        this.dueAt = dueAt;
        modelIds.forEach(id -> models.put(id, new ModelProgress(false, null, false)));
    }

    boolean allDone() {
        return models.values().stream().allMatch(ModelProgress::done);
    }

    Map<String, ModelProgress> models() {
        return models;
    }
}
