package io.lethe.verifier;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A proof that a 32-byte record commitment is, or is not, in a lineage set. A lineage is an RFC 6962 Merkle tree
 * whose leaf inputs are the set's commitments sorted in strictly increasing unsigned lexicographic order (the
 * producer's obligation; anyone holding the set can recheck it). Membership is an inclusion proof; non-membership
 * shows the two adjacent leaves that bracket the commitment, or the single edge leaf when the commitment sorts
 * before the first or after the last leaf, or nothing when the set is empty.
 *
 * <p>The tree size travels with the proof and is part of what the proof checks: an "edge" claim is only
 * meaningful against the true size, so callers should take the size from the same trusted source as the root
 * when they have it.
 */
public sealed interface MembershipProof permits MembershipProof.Inclusion, MembershipProof.NonInclusion {

    /** Size of a record commitment (HMAC-SHA-256). */
    int COMMITMENT_SIZE = 32;

    /** @return the number of leaves of the lineage tree */
    long treeSize();

    /**
     * Verifies this proof for {@code commitment} against the lineage {@code root}.
     *
     * @return {@code true} if it proves membership, {@code false} if it proves non-membership
     * @throws VerificationException if the proof proves neither
     */
    default boolean verify(byte[] commitment, byte[] root) throws VerificationException {
        MembershipVerifier.verify(this, commitment, root);
        return this instanceof Inclusion;
    }

    /**
     * One leaf of the lineage tree with its audit path.
     *
     * @param index      the leaf's position in the sorted set
     * @param commitment the leaf input: a 32-byte record commitment
     * @param auditPath  the RFC 9162 inclusion proof for {@code index}
     */
    record LeafProof(long index, byte[] commitment, List<byte[]> auditPath) {

        /** Copies the arrays so the record stays immutable. */
        public LeafProof {
            commitment = commitment.clone();
            auditPath = auditPath.stream().map(byte[]::clone).toList();
        }

        /** @return a copy of the commitment */
        @Override
        public byte[] commitment() {
            return commitment.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LeafProof that && index == that.index
                    && Arrays.equals(commitment, that.commitment) && MembershipVerifier.sameHashes(auditPath,
                    that.auditPath);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(index) + Arrays.hashCode(commitment);
        }
    }

    /**
     * The commitment is the leaf {@code leaf.index()} of the tree of {@code treeSize} leaves.
     *
     * @param treeSize the lineage tree's size
     * @param leaf     the leaf holding the commitment, with its audit path
     */
    record Inclusion(long treeSize, LeafProof leaf) implements MembershipProof {
    }

    /**
     * The commitment lies strictly between two adjacent leaves (or beyond an edge leaf, or the tree is empty).
     *
     * @param treeSize the lineage tree's size
     * @param left     the greatest leaf below the commitment; empty if the commitment sorts first
     * @param right    the least leaf above the commitment; empty if the commitment sorts last
     */
    record NonInclusion(long treeSize, Optional<LeafProof> left, Optional<LeafProof> right)
            implements MembershipProof {
    }
}
