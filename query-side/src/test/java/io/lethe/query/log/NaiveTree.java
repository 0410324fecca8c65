package io.lethe.query.log;

import io.lethe.verifier.Rfc6962;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9162 definitions (MTH, PATH, PROOF) written as plain recursion over all leaves, memoised so that
 * checking every (index, size) pair stays fast. The reference {@link MerkleLog} is checked against.
 */
final class NaiveTree {

    private final List<byte[]> leafHashes = new ArrayList<>();
    private final Map<Long, byte[]> memo = new HashMap<>();

    void add(byte[] leafInput) {
        leafHashes.add(Rfc6962.leafHash(leafInput));
    }

    byte[] hash(int from, int to) {
        if (to == from) {
            return Rfc6962.emptyRoot();
        }
        if (to - from == 1) {
            return leafHashes.get(from);
        }
        long key = ((long) from << 32) | to;
        byte[] cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        int k = Integer.highestOneBit(to - from - 1);
        byte[] hash = Rfc6962.nodeHash(hash(from, from + k), hash(from + k, to));
        memo.put(key, hash);
        return hash;
    }

    List<byte[]> path(int m, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        if (to - from <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(to - from - 1);
        if (m < from + k) {
            out.addAll(path(m, from, from + k));
            out.add(hash(from + k, to));
        } else {
            out.addAll(path(m, from + k, to));
            out.add(hash(from, from + k));
        }
        return out;
    }

    List<byte[]> proof(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        subproof(m, 0, n, true, out);
        return out;
    }

    private void subproof(int m, int from, int to, boolean known, List<byte[]> out) {
        if (m == to - from) {
            if (!known) {
                out.add(hash(from, to));
            }
            return;
        }
        int k = Integer.highestOneBit(to - from - 1);
        if (m <= k) {
            subproof(m, from, from + k, known, out);
            out.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(hash(from, from + k));
        }
    }
}
