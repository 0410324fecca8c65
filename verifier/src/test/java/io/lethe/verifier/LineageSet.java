package io.lethe.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A test-side lineage set: sorted distinct 32-byte commitments, a reference tree over them, and proof building. */
final class LineageSet {

    private final List<byte[]> sorted;
    private final ReferenceTree tree;

    LineageSet(List<byte[]> commitments) {
        TreeSet<byte[]> set = new TreeSet<>(Arrays::compareUnsigned);
        set.addAll(commitments);
        sorted = new ArrayList<>(set);
        tree = ReferenceTree.ofLeafInputs(sorted);
    }

    int size() {
        return sorted.size();
    }

    byte[] commitment(int index) {
        return sorted.get(index);
    }

    byte[] root() {
        return tree.root(sorted.size());
    }

    MembershipProof.LeafProof leaf(int index) {
        return new MembershipProof.LeafProof(index, sorted.get(index), tree.inclusionProof(index, sorted.size()));
    }

    /** The honest proof for {@code commitment}: inclusion if present, else its neighbours. */
    MembershipProof prove(byte[] commitment) {
        int position = java.util.Collections.binarySearch(sorted, commitment, Arrays::compareUnsigned);
        if (position >= 0) {
            return new MembershipProof.Inclusion(size(), leaf(position));
        }
        int insertion = -position - 1;
        Optional<MembershipProof.LeafProof> left = insertion > 0 ? Optional.of(leaf(insertion - 1)) : Optional.empty();
        Optional<MembershipProof.LeafProof> right =
                insertion < size() ? Optional.of(leaf(insertion)) : Optional.empty();
        return new MembershipProof.NonInclusion(size(), left, right);
    }
}
