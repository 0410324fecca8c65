package io.lethe.api.views;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/models/{modelId}}: a model, its versions and which one is deployed. */
public record ModelView(
        String modelId,
        String task,
        String preset,
        Integer deployedVersion,
        Instant registeredAt,
        List<VersionSummary> versions) {

    public ModelView {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
