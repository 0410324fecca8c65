package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/models/{modelId}/versions/{version}} (CONTRACT.md), plus what a compliance view
 * needs: status, cause, the forget guarantee and the recorded metrics and cost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(int version, String digest, String lineageRoot, Integer lineageSize, Part backbone,
                          List<Branch> branches, Instant createdAt, Instant deployedAt, String status, String cause,
                          int baseVersion, String guarantee, Map<String, Double> metrics, Map<String, Double> cost,
                          String failureReason) {

    /** The backbone's weights digest and lineage. */
    public record Part(String digest, String lineageRoot, int lineageSize) {
    }

    /** A LoRA branch (or unlearning branch) of the version. */
    public record Branch(String branchId, String kind, int rank, long seed, String weightsDigest, String lineageRoot,
                         int lineageSize) {
    }
}
