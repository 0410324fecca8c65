package io.lethe.query.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The leaf ranges whose hashes make up RFC 9162 proofs, and their decomposition into stored perfect subtrees.
 * Every range here is a subtree in the MTC sense (its start is a multiple of the power of two covering its
 * width), so by RFC 9162's recursive definition its hash is the right fold of the perfect subtrees given by the
 * binary digits of its width.
 */
final class Ranges {

    private Ranges() {
    }

    /** A half-open leaf range {@code [from, to)}. */
    record Range(long from, long to) {
    }

    /** The ranges of PATH(m, D_n), bottom-up, i.e. in proof order. */
    static List<Range> inclusionPath(long m, long n) {
        List<Range> topDown = new ArrayList<>();
        long lo = 0;
        long hi = n;
        while (hi - lo > 1) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (m < lo + k) {
                topDown.add(new Range(lo + k, hi));
                hi = lo + k;
            } else {
                topDown.add(new Range(lo, lo + k));
                lo += k;
            }
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /** The ranges of PROOF(m, D_n) = SUBPROOF(m, D_n, true), in proof order; requires 0 < m <= n. */
    static List<Range> consistencyPath(long m, long n) {
        List<Range> topDown = new ArrayList<>();
        long lo = 0;
        long hi = n;
        long rest = m;
        boolean known = true;
        while (rest != hi - lo) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (rest <= k) {
                topDown.add(new Range(lo + k, hi));
                hi = lo + k;
            } else {
                topDown.add(new Range(lo, lo + k));
                rest -= k;
                lo += k;
                // The verifier knows MTH(D_m) only while D_m is a left-aligned prefix of the current subtree.
                known = false;
            }
        }
        if (!known) {
            topDown.add(new Range(lo, hi));
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /** The perfect subtrees of {@code range}, left to right: one per set bit of its width, largest first. */
    static List<NodeId> perfectSubtrees(Range range) {
        List<NodeId> nodes = new ArrayList<>();
        long offset = range.from();
        long width = range.to() - range.from();
        while (width > 0) {
            int level = 63 - Long.numberOfLeadingZeros(width);
            nodes.add(new NodeId(level, offset >> level));
            offset += 1L << level;
            width -= 1L << level;
        }
        return nodes;
    }

    /** The perfect subtrees covering leaves {@code [0, size)}: the roots a new leaf may merge with. */
    static List<NodeId> frontier(long size) {
        return size == 0 ? List.of() : perfectSubtrees(new Range(0, size));
    }
}
