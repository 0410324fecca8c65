package io.lethe.api.views;

import java.time.Instant;

/** One version in a model's history, as listed in {@link ModelView}. */
public record VersionSummary(int version, String digest, String cause, String status, Instant createdAt,
                             Instant deployedAt) {
}
