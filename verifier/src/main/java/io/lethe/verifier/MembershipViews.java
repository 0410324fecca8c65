package io.lethe.verifier;

import io.lethe.api.views.MembershipView;

import java.util.Base64;
import java.util.Optional;

/**
 * Between the REST shape of a lineage membership proof ({@link MembershipView}, in {@code api}) and
 * the verifier's {@link MembershipProof}: the query side builds views from proofs, auditors turn a
 * view back into a proof and check it with {@link MembershipProof#verify(byte[], byte[])}.
 */
public final class MembershipViews {

    private MembershipViews() {
    }

    public static MembershipView of(String commitment, String lineageRoot, MembershipProof proof) {
        if (proof instanceof MembershipProof.Inclusion inclusion) {
            return new MembershipView(true, commitment, lineageRoot, new MembershipView.Proof("inclusion",
                    inclusion.treeSize(), leaf(inclusion.leaf()), null, null));
        }
        MembershipProof.NonInclusion absent = (MembershipProof.NonInclusion) proof;
        return new MembershipView(false, commitment, lineageRoot, new MembershipView.Proof("non-inclusion",
                absent.treeSize(), null, absent.left().map(MembershipViews::leaf).orElse(null),
                absent.right().map(MembershipViews::leaf).orElse(null)));
    }

    public static MembershipProof toProof(MembershipView view) {
        MembershipView.Proof proof = view.proof();
        if ("inclusion".equals(proof.type())) {
            return new MembershipProof.Inclusion(proof.treeSize(), leafProof(proof.leaf()));
        }
        return new MembershipProof.NonInclusion(proof.treeSize(),
                Optional.ofNullable(proof.left()).map(MembershipViews::leafProof),
                Optional.ofNullable(proof.right()).map(MembershipViews::leafProof));
    }

    private static MembershipView.Leaf leaf(MembershipProof.LeafProof proof) {
        return new MembershipView.Leaf(proof.index(), b64(proof.commitment()),
                proof.auditPath().stream().map(MembershipViews::b64).toList());
    }

    private static MembershipProof.LeafProof leafProof(MembershipView.Leaf leaf) {
        return new MembershipProof.LeafProof(leaf.index(), unb64(leaf.commitment()),
                leaf.auditPath().stream().map(MembershipViews::unb64).toList());
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
