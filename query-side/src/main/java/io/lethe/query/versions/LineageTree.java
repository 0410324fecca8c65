package io.lethe.query.versions;

import io.lethe.verifier.MembershipProof;
import io.lethe.query.log.InMemoryNodeStore;
import io.lethe.query.log.MerkleLog;
import io.lethe.query.log.NewLeaf;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A version's lineage as a Merkle tree (RFC 6962 hashing over sorted 32-byte commitments) that
 * proves membership (audit path of the leaf) and non-membership (the two neighbours around where the
 * commitment would sort, or the edge leaf, each with its audit path).
 */
final class LineageTree {

    private final List<byte[]> sorted;
    private final MerkleLog tree;

    /** @param sortedCommitments base64 commitments already in lineage order (unsigned bytes) */
    LineageTree(List<String> sortedCommitments) {
        this.sorted = new ArrayList<>(sortedCommitments.size());
        this.tree = new MerkleLog(new InMemoryNodeStore());
        List<NewLeaf> leaves = new ArrayList<>(sortedCommitments.size());
        for (String commitment : sortedCommitments) {
            byte[] raw = Base64.getDecoder().decode(commitment);
            sorted.add(raw);
            leaves.add(new NewLeaf(raw, commitment, "lineage"));
        }
        if (!leaves.isEmpty()) {
            tree.append(leaves);
        }
    }

    byte[] root() {
        return tree.root(sorted.size());
    }

    MembershipProof prove(byte[] commitment) {
        int position = Collections.binarySearch(sorted, commitment, java.util.Arrays::compareUnsigned);
        if (position >= 0) {
            return new MembershipProof.Inclusion(sorted.size(), leaf(position));
        }
        int insertion = -position - 1;
        return new MembershipProof.NonInclusion(sorted.size(),
                insertion > 0 ? Optional.of(leaf(insertion - 1)) : Optional.empty(),
                insertion < sorted.size() ? Optional.of(leaf(insertion)) : Optional.empty());
    }

    private MembershipProof.LeafProof leaf(int index) {
        return new MembershipProof.LeafProof(index, sorted.get(index), tree.inclusionProof(index, sorted.size()));
    }
}
