package io.lethe.worker.store;

import java.util.List;

/**
 * One component of a produced model version as the worker stores it.
 *
 * @param componentId       {@code backbone} or the branch id
 * @param kind              the {@code ComponentKind} name
 * @param rank              LoRA rank (0 for the backbone)
 * @param seed              training seed
 * @param weightsDigest     SHA-256 (hex) of {@code weights}, or the backbone digest
 * @param weights           canonical INT8 bytes of a branch; null for the backbone (its state is in the snapshot)
 * @param sramBytes         bytes the branch occupies in SRAM (0 for the backbone)
 * @param commitments       its training slice
 * @param forgetCommitments what an unlearning branch suppresses
 * @param trainedByJob      the job that trained these weights (an earlier job's id when carried over)
 */
public record StoredComponent(String componentId, String kind, int rank, long seed, String weightsDigest,
                              byte[] weights, long sramBytes, List<String> commitments,
                              List<String> forgetCommitments, String trainedByJob) {

    public StoredComponent {
        commitments = List.copyOf(commitments);
        forgetCommitments = List.copyOf(forgetCommitments);
    }
}
