package io.lethe.api.jobs;

import java.util.List;

/**
 * One part of a model version and exactly what it was trained on.
 *
 * @param componentId       {@code backbone} or a branch id, stable across versions while unchanged
 * @param kind              backbone, branch or unlearning branch
 * @param rank              LoRA rank (0 for the backbone)
 * @param seed              the seed its training is replayed from
 * @param commitments       sorted record commitments of its training slice (its lineage)
 * @param forgetCommitments unlearning branches only: the sorted commitments it suppresses
 */
public record Component(String componentId, ComponentKind kind, int rank, long seed, List<String> commitments,
                        List<String> forgetCommitments) {

    public static final String BACKBONE_ID = "backbone";

    public Component {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        forgetCommitments = forgetCommitments == null ? List.of() : List.copyOf(forgetCommitments);
    }

    public boolean isBackbone() {
        return kind == ComponentKind.BACKBONE;
    }
}
