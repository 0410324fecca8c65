package io.lethe.verifier;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Lineage commitments (DESIGN.md §2.2): a Merkle tree, hashed as RFC 6962, over the sorted, distinct
 * record commitments a component or a version was trained on. Each leaf is the commitment's 32 raw
 * bytes; order is unsigned lexicographic on those bytes, so neighbours prove non-membership.
 */
public final class Lineage {

    /** Unsigned lexicographic order on the raw bytes: the order of lineage leaves. */
    public static final Comparator<byte[]> RAW_ORDER = java.util.Arrays::compareUnsigned;

    private Lineage() {
    }

    /** The distinct commitments (standard base64) in lineage order. */
    public static List<String> sorted(Collection<String> commitments) {
        TreeSet<byte[]> raw = new TreeSet<>(RAW_ORDER);
        commitments.forEach(c -> raw.add(Base64.getDecoder().decode(c)));
        List<String> sorted = new ArrayList<>(raw.size());
        raw.forEach(bytes -> sorted.add(Base64.getEncoder().encodeToString(bytes)));
        return sorted;
    }

    /** The lineage root (standard base64) over commitments already in lineage order. */
    public static String root(List<String> sortedCommitments) {
        List<byte[]> leafHashes = new ArrayList<>(sortedCommitments.size());
        for (String commitment : sortedCommitments) {
            leafHashes.add(Rfc6962.leafHash(Base64.getDecoder().decode(commitment)));
        }
        return Base64.getEncoder().encodeToString(Rfc6962.rootOfLeafHashes(leafHashes));
    }
}
