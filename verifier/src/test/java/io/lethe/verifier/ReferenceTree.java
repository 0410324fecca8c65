package io.lethe.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive RFC 6962 / RFC 9162 tree for tests: every hash is recomputed from the leaves by the RFC's
 * recursive definitions (MTH, PATH, PROOF and the MTC draft's SUBTREE_PROOF). Independent of the verifier's
 * bit-walk algorithms, so agreement between the two is meaningful.
 */
final class ReferenceTree {

    private final List<byte[]> leafHashes;

    private ReferenceTree(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    static ReferenceTree ofLeafInputs(List<byte[]> inputs) {
        return new ReferenceTree(inputs.stream().map(Rfc6962::leafHash).toList());
    }

    /** A tree whose i-th leaf input is the 8-byte big-endian encoding of {@code salt + i}. */
    static ReferenceTree ofSize(int size, long salt) {
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            inputs.add(java.nio.ByteBuffer.allocate(8).putLong(salt + i).array());
        }
        return ofLeafInputs(inputs);
    }

    byte[] leafHash(int index) {
        return leafHashes.get(index);
    }

    byte[] root(int size) {
        return hash(0, size);
    }

    /** MTH(D[from:to]). */
    byte[] hash(int from, int to) {
        if (to == from) {
            return Rfc6962.emptyRoot();
        }
        if (to - from == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(to - from - 1);
        return Rfc6962.nodeHash(hash(from, from + k), hash(from + k, to));
    }

    /** PATH(m, D[from:to]). */
    List<byte[]> inclusionProof(int m, int from, int to) {
        List<byte[]> proof = new ArrayList<>();
        path(m, from, to, proof);
        return proof;
    }

    List<byte[]> inclusionProof(int m, int size) {
        return inclusionProof(m, 0, size);
    }

    private void path(int m, int from, int to, List<byte[]> out) {
        if (to - from <= 1) {
            return;
        }
        int k = Integer.highestOneBit(to - from - 1);
        if (m < from + k) {
            path(m, from, from + k, out);
            out.add(hash(from + k, to));
        } else {
            path(m, from + k, to, out);
            out.add(hash(from, from + k));
        }
    }

    /** PROOF(m, D_n) = SUBPROOF(m, D_n, true). */
    List<byte[]> consistencyProof(int m, int n) {
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, n, true, proof);
        return proof;
    }

    private void subproof(int m, int from, int to, boolean known, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!known) {
                out.add(hash(from, to));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, from, from + k, known, out);
            out.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(hash(from, from + k));
        }
    }

    /** SUBTREE_PROOF(start, end, D_n) of the Merkle Tree Certificates draft. */
    List<byte[]> subtreeConsistencyProof(int start, int end, int n) {
        List<byte[]> proof = new ArrayList<>();
        subtreeSubproof(start, end, 0, n, true, proof);
        return proof;
    }

    private void subtreeSubproof(int start, int end, int base, int n, boolean known, List<byte[]> out) {
        if (start == 0 && end == n) {
            if (!known) {
                out.add(hash(base, base + n));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (end <= k) {
            subtreeSubproof(start, end, base, k, known, out);
            out.add(hash(base + k, base + n));
        } else if (k <= start) {
            subtreeSubproof(start - k, end - k, base + k, n - k, known, out);
            out.add(hash(base, base + k));
        } else {
            subtreeSubproof(0, end - k, base + k, n - k, false, out);
            out.add(hash(base, base + k));
        }
    }
}
