package io.lethe.verifier;

import java.util.List;

/**
 * Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, as the RFC's bit-walk
 * algorithms. All methods are pure; proofs are lists of {@value Rfc6962#HASH_SIZE}-byte hashes, lowest level
 * first, exactly as {@code GET /api/log/proof/*} returns them.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /**
     * Checks that {@code leafHash} is the leaf at {@code index} of the tree of {@code treeSize} leaves whose root is
     * {@code root}.
     *
     * @param leafHash {@link Rfc6962#leafHash(byte[])} of the leaf input
     * @param index    zero-based leaf index
     * @param treeSize number of leaves in the tree the proof is for
     * @param proof    the audit path, bottom up
     * @param root     the trusted root hash of that tree
     * @throws VerificationException naming why the proof does not hold
     */
    public static void verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root)
            throws VerificationException {
        Checks.sameRoot("root", rootFromInclusionProof(leafHash, index, treeSize, proof), root);
    }

    /**
     * Recomputes the root a correct inclusion proof implies, without comparing it to anything; useful when the
     * root is compared later (e.g. against a signed checkpoint).
     *
     * @return the root hash of the tree of {@code treeSize} leaves implied by the proof
     * @throws VerificationException if the arguments or the proof length are inconsistent
     */
    public static byte[] rootFromInclusionProof(byte[] leafHash, long index, long treeSize, List<byte[]> proof)
            throws VerificationException {
        Checks.nonNegative("index", index);
        Checks.nonNegative("treeSize", treeSize);
        if (index >= treeSize) {
            throw new VerificationException(Failure.INDEX_OUT_OF_RANGE, index + " >= " + treeSize);
        }
        Checks.hashSize("leafHash", leafHash);
        Checks.hashSizes(proof);
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw Checks.wrongProofSize("inclusion proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(p, r);
                // On the right border a node may have no right sibling for several levels: skip them.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = Rfc6962.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw Checks.wrongProofSize("inclusion proof is shorter than the path to the root");
        }
        return r;
    }

    /**
     * Checks that the tree of {@code size1} leaves with root {@code root1} is a prefix of the tree of {@code size2}
     * leaves with root {@code root2}. Follows the RFC and the transparency-dev reference: a proof from the empty
     * tree is refused ({@link Failure#EMPTY_FIRST_TREE}) because it proves nothing; equal sizes need an empty proof
     * and equal roots.
     *
     * @throws VerificationException naming why the proof does not hold
     */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws VerificationException {
        checkConsistencyArguments(size1, size2, proof);
        if (size1 == size2) {
            Checks.sameRoot("root2", root1, root2);
            return;
        }
        byte[][] roots = rootsFromConsistencyProof(size1, size2, proof, root1);
        Checks.sameRoot("root1", roots[0], root1);
        Checks.sameRoot("root2", roots[1], root2);
    }

    private static void checkConsistencyArguments(long size1, long size2, List<byte[]> proof)
            throws VerificationException {
        Checks.nonNegative("size1", size1);
        Checks.nonNegative("size2", size2);
        if (size2 < size1) {
            throw new VerificationException(Failure.TREE_SHRANK, "size2 " + size2 + " < size1 " + size1);
        }
        if (size1 == 0) {
            throw new VerificationException(Failure.EMPTY_FIRST_TREE, "consistency from the empty tree");
        }
        if (size1 == size2 && !proof.isEmpty()) {
            throw Checks.wrongProofSize("equal sizes need an empty proof");
        }
        if (size1 < size2 && proof.isEmpty()) {
            throw new VerificationException(Failure.EMPTY_PROOF, "sizes differ but the proof is empty");
        }
        Checks.hashSizes(proof);
    }

    /** The RFC 9162 §2.1.4.2 walk; returns {first root, second root} as the proof implies them. */
    private static byte[][] rootsFromConsistencyProof(long size1, long size2, List<byte[]> proof, byte[] root1)
            throws VerificationException {
        // When size1 is a power of two its root is itself a node of the larger tree, so the proof omits it.
        List<byte[]> path = Long.bitCount(size1) == 1 ? prepend(root1, proof) : proof;
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw Checks.wrongProofSize("consistency proof is longer than needed");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Rfc6962.nodeHash(c, fr);
                sr = Rfc6962.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = Rfc6962.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw Checks.wrongProofSize("consistency proof is shorter than needed");
        }
        return new byte[][] {fr, sr};
    }

    private static List<byte[]> prepend(byte[] first, List<byte[]> rest) {
        byte[][] all = new byte[rest.size() + 1][];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return List.of(all);
    }
}
