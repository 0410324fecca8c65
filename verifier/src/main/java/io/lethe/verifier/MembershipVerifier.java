package io.lethe.verifier;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The checks behind {@link MembershipProof#verify(byte[], byte[])}. */
final class MembershipVerifier {

    private MembershipVerifier() {
    }

    static void verify(MembershipProof proof, byte[] commitment, byte[] root) throws VerificationException {
        requireCommitment("commitment", commitment);
        Checks.nonNegative("treeSize", proof.treeSize());
        if (proof instanceof MembershipProof.Inclusion inclusion) {
            verifyInclusion(inclusion, commitment, root);
        } else {
            verifyNonInclusion((MembershipProof.NonInclusion) proof, commitment, root);
        }
    }

    private static void verifyInclusion(MembershipProof.Inclusion proof, byte[] commitment, byte[] root)
            throws VerificationException {
        if (!Arrays.equals(proof.leaf().commitment(), commitment)) {
            throw new VerificationException(Failure.WRONG_LEAF, "the proven leaf is another commitment");
        }
        verifyLeaf(proof.leaf(), proof.treeSize(), root);
    }

    private static void verifyNonInclusion(MembershipProof.NonInclusion proof, byte[] commitment, byte[] root)
            throws VerificationException {
        long size = proof.treeSize();
        Optional<MembershipProof.LeafProof> left = proof.left();
        Optional<MembershipProof.LeafProof> right = proof.right();
        if (left.isEmpty() && right.isEmpty()) {
            if (size != 0) {
                throw new VerificationException(Failure.NOT_ADJACENT, "no neighbours given for a non-empty set");
            }
            Checks.sameRoot("root", Rfc6962.emptyRoot(), root);
            return;
        }
        // The neighbours must sit next to each other, or at the very edge of the set, so nothing lies between.
        long leftIndex = left.map(MembershipProof.LeafProof::index).orElse(-1L);
        long rightIndex = right.map(MembershipProof.LeafProof::index).orElse(size);
        if (rightIndex != leftIndex + 1) {
            throw new VerificationException(Failure.NOT_ADJACENT, "neighbours at " + leftIndex + ", " + rightIndex);
        }
        if (left.isPresent()) {
            requireBelow(left.get().commitment(), commitment);
            verifyLeaf(left.get(), size, root);
        }
        if (right.isPresent()) {
            requireBelow(commitment, right.get().commitment());
            verifyLeaf(right.get(), size, root);
        }
    }

    private static void verifyLeaf(MembershipProof.LeafProof leaf, long treeSize, byte[] root)
            throws VerificationException {
        requireCommitment("leaf commitment", leaf.commitment());
        byte[] leafHash = Rfc6962.leafHash(leaf.commitment());
        MerkleProofs.verifyInclusion(leafHash, leaf.index(), treeSize, leaf.auditPath(), root);
    }

    private static void requireBelow(byte[] lower, byte[] higher) throws VerificationException {
        requireCommitment("neighbour", lower);
        requireCommitment("neighbour", higher);
        if (Arrays.compareUnsigned(lower, higher) >= 0) {
            throw new VerificationException(Failure.NOT_ORDERED, "neighbours do not bracket the commitment");
        }
    }

    private static void requireCommitment(String name, byte[] commitment) throws VerificationException {
        if (commitment == null || commitment.length != MembershipProof.COMMITMENT_SIZE) {
            throw new VerificationException(Failure.WRONG_HASH_SIZE, name + " is not 32 bytes");
        }
    }

    static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
