package io.lethe.verifier;

import java.util.List;

/**
 * Verification of subtree inclusion and subtree consistency proofs as defined by the IETF Merkle Tree
 * Certificates draft (and transparency-dev/merkle). A <em>subtree</em> {@code [start, end)} is a range of
 * leaves with {@code start < end} and {@code start} a multiple of the smallest power of two {@code >= end -
 * start}; its hash is the RFC 6962 hash of those leaves as an independent tree. The log uses this to let a
 * verifier check a batch of entries (a subtree) against a checkpoint without the whole prefix; RFC 9162
 * consistency is the special case {@code start = 0}.
 */
public final class SubtreeProofs {

    private SubtreeProofs() {
    }

    /** @return whether {@code [start, end)} is a non-empty, correctly aligned subtree */
    public static boolean isValidSubtree(long start, long end) {
        if (start < 0 || end <= start) {
            return false;
        }
        long width = end - start;
        long bitCeil = Long.highestOneBit(width) == width ? width : Long.highestOneBit(width) << 1;
        return (start & (bitCeil - 1)) == 0;
    }

    /**
     * Checks that {@code leafHash} is the leaf at absolute {@code index} inside the subtree {@code [start, end)}
     * whose hash is {@code subtreeRoot}.
     *
     * @throws VerificationException naming why the proof does not hold
     */
    public static void verifySubtreeInclusion(byte[] leafHash, long index, long start, long end, List<byte[]> proof,
            byte[] subtreeRoot) throws VerificationException {
        Checks.nonNegative("index", index);
        Checks.nonNegative("start", start);
        Checks.nonNegative("end", end);
        requireValidSubtree(start, end);
        if (index < start || index >= end) {
            throw new VerificationException(Failure.INDEX_OUT_OF_RANGE,
                    index + " outside [" + start + ", " + end + ")");
        }
        MerkleProofs.verifyInclusion(leafHash, index - start, end - start, proof, subtreeRoot);
    }

    /**
     * Checks that the subtree {@code [start, end)} with hash {@code subtreeRoot} sits at those positions in the
     * tree of {@code treeSize} leaves with root {@code root}. An empty subtree ({@code start == end}) is
     * consistent with every tree, provided its hash is the empty-tree hash and the proof is empty.
     *
     * @throws VerificationException naming why the proof does not hold
     */
    public static void verifySubtreeConsistency(long start, long end, long treeSize, List<byte[]> proof,
            byte[] subtreeRoot, byte[] root) throws VerificationException {
        Checks.nonNegative("start", start);
        Checks.nonNegative("end", end);
        Checks.nonNegative("treeSize", treeSize);
        if (end > treeSize) {
            throw new VerificationException(Failure.INDEX_OUT_OF_RANGE, "end " + end + " > size " + treeSize);
        }
        if (start == end) {
            verifyEmptySubtree(proof, subtreeRoot);
            return;
        }
        requireValidSubtree(start, end);
        Checks.hashSizes(proof);
        new ConsistencyWalk(start, end, treeSize).verify(proof, subtreeRoot, root);
    }

    private static void verifyEmptySubtree(List<byte[]> proof, byte[] subtreeRoot) throws VerificationException {
        if (!proof.isEmpty()) {
            throw Checks.wrongProofSize("an empty subtree needs an empty proof");
        }
        Checks.sameRoot("empty subtree hash", Rfc6962.emptyRoot(), subtreeRoot);
    }

    private static void requireValidSubtree(long start, long end) throws VerificationException {
        if (!isValidSubtree(start, end)) {
            throw new VerificationException(Failure.INVALID_SUBTREE, "[" + start + ", " + end + ") is not a subtree");
        }
    }

    /**
     * The bit walk of the MTC draft, a generalisation of RFC 9162 §2.1.4.2: {@code fn}, {@code sn}, {@code tn}
     * are the subtree's first leaf, its last leaf and the tree's last leaf, each shifted right once per level.
     */
    private static final class ConsistencyWalk {
        private long fn;
        private long sn;
        private long tn;

        ConsistencyWalk(long start, long end, long treeSize) {
            fn = start;
            sn = end - 1;
            tn = treeSize - 1;
        }

        void verify(List<byte[]> proof, byte[] subtreeRoot, byte[] root) throws VerificationException {
            skipLevelsWithoutProofHashes();
            List<byte[]> rest = proof;
            byte[] seed = subtreeRoot;
            if (fn != sn) {
                // The subtree is not one node of the tree: the proof starts with its largest right-flush perfect part.
                if (proof.isEmpty()) {
                    throw new VerificationException(Failure.EMPTY_PROOF, "subtree is not a single node");
                }
                seed = proof.get(0);
                rest = proof.subList(1, proof.size());
            }
            byte[][] roots = chain(seed, rest);
            if (tn != 0) {
                throw Checks.wrongProofSize("subtree consistency proof is shorter than needed");
            }
            Checks.sameRoot("subtree root", roots[0], subtreeRoot);
            Checks.sameRoot("tree root", roots[1], root);
        }

        private void skipLevelsWithoutProofHashes() {
            if (sn == tn) {
                // Flush with the tree's right edge: no sibling outside the subtree until its own root.
                while (fn != sn) {
                    up();
                }
            } else {
                while (fn != sn && (sn & 1) == 1) {
                    up();
                }
            }
        }

        private byte[][] chain(byte[] seed, List<byte[]> proof) throws VerificationException {
            byte[] fr = seed;
            byte[] sr = seed;
            for (byte[] c : proof) {
                if (tn == 0) {
                    throw Checks.wrongProofSize("subtree consistency proof is longer than needed");
                }
                if ((sn & 1) == 1 || sn == tn) {
                    if (fn < sn) {
                        // Only hashes below the subtree's own root rebuild the subtree hash.
                        fr = Rfc6962.nodeHash(c, fr);
                    }
                    sr = Rfc6962.nodeHash(c, sr);
                    while ((sn & 1) == 0 && sn != 0) {
                        up();
                    }
                } else {
                    sr = Rfc6962.nodeHash(sr, c);
                }
                up();
            }
            return new byte[][] {fr, sr};
        }

        private void up() {
            fn >>= 1;
            sn >>= 1;
            tn >>= 1;
        }
    }
}
