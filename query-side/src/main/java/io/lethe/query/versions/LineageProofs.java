package io.lethe.query.versions;

import io.lethe.api.views.MembershipView;
import io.lethe.verifier.MembershipViews;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds membership and non-membership proofs for completed versions. Completed versions never
 * change, so the last few lineage trees are kept (building one is O(n) in the lineage size).
 */
public final class LineageProofs {

    private static final int CACHED_TREES = 16;

    private final Map<String, LineageTree> trees = new LinkedHashMap<>(CACHED_TREES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LineageTree> eldest) {
            return size() > CACHED_TREES;
        }
    };

    public synchronized MembershipView prove(VersionQueries.Lineage lineage, String commitment) {
        // Keyed by the root too: a rebuilt or different ledger never gets another lineage's tree.
        LineageTree tree = trees.computeIfAbsent(lineage.modelId() + "@" + lineage.version() + "@" + lineage.root(),
                key -> new LineageTree(lineage.commitments()));
        return MembershipViews.of(commitment, lineage.root(), tree.prove(Base64.getDecoder().decode(commitment)));
    }
}
