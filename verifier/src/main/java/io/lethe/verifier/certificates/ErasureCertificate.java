package io.lethe.verifier.certificates;

import io.lethe.api.views.MembershipView;

import java.util.List;
import java.util.Map;

/**
 * The body of an erasure certificate: what was erased, how, and the proofs. It is signed as a whole
 * (see {@link SignedErasureCertificate}) and every proof inside verifies with the {@code api} verifier.
 *
 * @param models               per model: the guarantee, the versions, and a membership proof of every
 *                             record of the subject in the version after the erasure: non-inclusion for
 *                             EXACT and REBASE; for APPROXIMATE the records are still in the lineage (the
 *                             frozen backbone) and the forget metrics say how well they are suppressed
 * @param completionLeafInput  the exact log leaf of the {@code ErasureCompleted} event (base64)
 * @param completionLeafIndex  its index in the transparency log
 * @param checkpoint           a signed checkpoint (C2SP note) whose tree contains that leaf
 * @param completionInclusion  the RFC 9162 audit path of the leaf in the checkpoint's tree (base64 hashes)
 */
public record ErasureCertificate(String type, String erasureId, String subjectPseudonym, String requestedBy,
                                 String receivedAt, String dueAt, String completedAt, List<ModelCertificate> models,
                                 String completionLeafInput, long completionLeafIndex, String checkpoint,
                                 List<String> completionInclusion) {

    public static final String TYPE = "lethe.ErasureCertificate/1";

    public ErasureCertificate {
        models = List.copyOf(models);
        completionInclusion = List.copyOf(completionInclusion);
    }

    /** What the erasure did in one model. */
    public record ModelCertificate(String modelId, String guarantee, Integer versionBefore, Integer versionAfter,
                                   String versionDigest, String lineageRoot, Integer lineageSize,
                                   Map<String, Double> forgetMetrics, List<MembershipView> membership) {

        public ModelCertificate {
            forgetMetrics = forgetMetrics == null ? Map.of() : Map.copyOf(forgetMetrics);
            membership = membership == null ? List.of() : List.copyOf(membership);
        }
    }
}
