package io.lethe.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 root of a growing list of leaf hashes in O(log n) memory: a stack of the perfect subtrees that the
 * leaves so far decompose into (largest first). Adding a leaf merges equal-sized subtrees; the root of the current
 * size folds the stack right to left. This lets a replay check a checkpoint the moment it reaches its size.
 */
public final class RootAccumulator {

    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    /** Appends one leaf hash. */
    public void add(byte[] leafHash) {
        byte[] hash = leafHash;
        // Each trailing 1 bit of the old size is a perfect subtree of the same height as the carry: merge it.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            hash = Rfc6962.nodeHash(subtrees.remove(subtrees.size() - 1), hash);
        }
        subtrees.add(hash);
        size++;
    }

    public long size() {
        return size;
    }

    /** @return the RFC 6962 root of the leaves added so far */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        byte[] hash = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            hash = Rfc6962.nodeHash(subtrees.get(i), hash);
        }
        return hash;
    }
}
