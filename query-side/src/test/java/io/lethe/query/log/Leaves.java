package io.lethe.query.log;

import java.nio.charset.StandardCharsets;

/** Deterministic test leaves. */
final class Leaves {

    private Leaves() {
    }

    static NewLeaf leaf(long i) {
        return new NewLeaf(("event-" + i).getBytes(StandardCharsets.UTF_8), "ev-" + i, "TestEvent");
    }

    /** Appends leaves {@code [from, to)} one by one. */
    static void appendEach(MerkleLog log, NaiveTree naive, long from, long to) {
        for (long i = from; i < to; i++) {
            NewLeaf leaf = leaf(i);
            log.append(leaf);
            if (naive != null) {
                naive.add(leaf.leafInput());
            }
        }
    }
}
