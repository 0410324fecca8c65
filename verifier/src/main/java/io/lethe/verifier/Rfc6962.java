package io.lethe.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256: leaf {@code H(0x00 || input)}, interior node
 * {@code H(0x01 || left || right)}, empty tree {@code H("")}. The distinct prefixes give second-preimage
 * resistance: a leaf can never be passed off as an interior node.
 */
public final class Rfc6962 {

    /** Size of every hash, in bytes. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    private Rfc6962() {
    }

    /** @return {@code SHA-256(0x00 || leafInput)} */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        return digest.digest(leafInput);
    }

    /** @return {@code SHA-256(0x01 || left || right)} */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        return digest.digest(right);
    }

    /** @return the root of the empty tree, {@code SHA-256("")} (a fresh copy) */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /**
     * The Merkle Tree Hash of a list of leaf hashes, by the recursive definition of RFC 9162 §2.1.1. Meant for
     * small trees (lineage sets, tests); the log itself never rehashes.
     *
     * @param leafHashes already-hashed leaves, in order
     * @return the root hash
     */
    public static byte[] rootOfLeafHashes(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] subtreeRoot(List<byte[]> leafHashes, int from, int to) {
        int size = to - from;
        if (size == 1) {
            return leafHashes.get(from);
        }
        int split = Integer.highestOneBit(size - 1);
        return nodeHash(subtreeRoot(leafHashes, from, from + split), subtreeRoot(leafHashes, from + split, to));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
