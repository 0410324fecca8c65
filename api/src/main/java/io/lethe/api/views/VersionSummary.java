package io.lethe.api.views;

import java.time.Instant;

/** One version in a model's history, as listed in {@link ModelView}; {@code guarantee} is set for forgets. */
public record VersionSummary(int version, String digest, String cause, String status, String guarantee,
                             Integer lineageSize, Instant createdAt, Instant deployedAt) {
}
