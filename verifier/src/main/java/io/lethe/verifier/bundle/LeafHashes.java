package io.lethe.verifier.bundle;

import io.lethe.verifier.Rfc6962;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every leaf hash of a bundle in 32 bytes each, in blocks, for checks that need a leaf or a root after the pass. */
final class LeafHashes {

    private static final int PER_BLOCK = 1 << 15;
    private final List<byte[]> blocks = new ArrayList<>();
    private long size;

    void add(byte[] hash) {
        int offset = (int) (size % PER_BLOCK) * Rfc6962.HASH_SIZE;
        if (offset == 0) {
            blocks.add(new byte[PER_BLOCK * Rfc6962.HASH_SIZE]);
        }
        System.arraycopy(hash, 0, blocks.get(blocks.size() - 1), offset, Rfc6962.HASH_SIZE);
        size++;
    }

    long size() {
        return size;
    }

    byte[] get(long index) {
        byte[] block = blocks.get((int) (index / PER_BLOCK));
        int offset = (int) (index % PER_BLOCK) * Rfc6962.HASH_SIZE;
        return Arrays.copyOfRange(block, offset, offset + Rfc6962.HASH_SIZE);
    }

    /** @return the RFC 6962 root of the first {@code treeSize} leaves */
    byte[] root(long treeSize) {
        List<byte[]> hashes = new ArrayList<>();
        for (long i = 0; i < treeSize; i++) {
            hashes.add(get(i));
        }
        return Rfc6962.rootOfLeafHashes(hashes);
    }
}
