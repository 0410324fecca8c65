package io.lethe.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For random trees, proofs built by the naive {@link ReferenceTree} verify, and flipping any single bit of the
 * proof, the leaf or a root makes verification fail.
 */
class MerkleProofPropertiesTest {

    private static final int BITS = Rfc6962.HASH_SIZE * 8;

    @Property(tries = 200, seed = "6962")
    void inclusionProofsVerifyAndEveryBitFlipFails(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int index, @ForAll long salt) throws Exception {
        Assume.that(index < size);
        ReferenceTree tree = ReferenceTree.ofSize(size, salt);
        List<byte[]> proof = tree.inclusionProof(index, size);
        byte[] leaf = tree.leafHash(index);
        byte[] root = tree.root(size);

        MerkleProofs.verifyInclusion(leaf, index, size, proof, root);
        assertThat(MerkleProofs.rootFromInclusionProof(leaf, index, size, proof)).isEqualTo(root);
        for (int element = 0; element < proof.size(); element++) {
            for (int bit = 0; bit < BITS; bit++) {
                assertInclusionFails(leaf, index, size, Tamper.flipBit(proof, element, bit), root);
            }
        }
        for (int bit = 0; bit < BITS; bit++) {
            assertInclusionFails(Tamper.flipBit(leaf, bit), index, size, proof, root);
            assertInclusionFails(leaf, index, size, proof, Tamper.flipBit(root, bit));
        }
    }

    @Property(tries = 200, seed = "9162")
    void consistencyProofsVerifyAndEveryBitFlipFails(@ForAll @IntRange(min = 1, max = 300) int size1,
            @ForAll @IntRange(min = 1, max = 300) int size2, @ForAll long salt) throws Exception {
        Assume.that(size1 <= size2);
        ReferenceTree tree = ReferenceTree.ofSize(size2, salt);
        List<byte[]> proof = tree.consistencyProof(size1, size2);
        byte[] root1 = tree.root(size1);
        byte[] root2 = tree.root(size2);

        MerkleProofs.verifyConsistency(size1, size2, proof, root1, root2);
        for (int element = 0; element < proof.size(); element++) {
            for (int bit = 0; bit < BITS; bit++) {
                assertConsistencyFails(size1, size2, Tamper.flipBit(proof, element, bit), root1, root2);
            }
        }
        for (int bit = 0; bit < BITS; bit++) {
            assertConsistencyFails(size1, size2, proof, Tamper.flipBit(root1, bit), root2);
            assertConsistencyFails(size1, size2, proof, root1, Tamper.flipBit(root2, bit));
        }
    }

    @Property(tries = 200, seed = "4242")
    void proofsWithAnExtraOrMissingHashFail(@ForAll @IntRange(min = 2, max = 300) int size,
            @ForAll @IntRange(min = 1, max = 299) int other) {
        Assume.that(other < size);
        ReferenceTree tree = ReferenceTree.ofSize(size, 7);
        List<byte[]> inclusion = tree.inclusionProof(other, size);
        List<byte[]> consistency = tree.consistencyProof(other, size);

        assertInclusionFails(tree.leafHash(other), other, size, inclusion.subList(0, inclusion.size() - 1),
                tree.root(size));
        assertConsistencyFails(other, size, consistency.subList(0, consistency.size() - 1), tree.root(other),
                tree.root(size));
        List<byte[]> longer = new java.util.ArrayList<>(consistency);
        longer.add(tree.root(size));
        assertConsistencyFails(other, size, longer, tree.root(other), tree.root(size));
    }

    @Property(tries = 200, seed = "2024")
    void subtreeProofsVerifyAndEveryBitFlipFails(@ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 0, max = 7) int level, @ForAll @IntRange(min = 0, max = 199) int slot,
            @ForAll @IntRange(min = 0, max = 127) int shortfall) throws Exception {
        // A subtree is aligned on the power of two covering its width: pick that block, then a width inside it.
        int block = 1 << level;
        int start = block * (slot % (size / block + 1));
        int end = Math.min(start + block - shortfall % (block / 2 + 1), size);
        Assume.that(start < end);
        int width = end - start;
        ReferenceTree tree = ReferenceTree.ofSize(size, size);
        byte[] subtreeRoot = tree.hash(start, end);
        byte[] root = tree.root(size);
        List<byte[]> consistency = tree.subtreeConsistencyProof(start, end, size);
        int index = start + width / 2;
        List<byte[]> inclusion = tree.inclusionProof(index, start, end);

        SubtreeProofs.verifySubtreeConsistency(start, end, size, consistency, subtreeRoot, root);
        SubtreeProofs.verifySubtreeInclusion(tree.leafHash(index), index, start, end, inclusion, subtreeRoot);
        for (int element = 0; element < consistency.size(); element++) {
            for (int bit = 0; bit < BITS; bit += 7) {
                List<byte[]> tampered = Tamper.flipBit(consistency, element, bit);
                assertFails(() -> SubtreeProofs.verifySubtreeConsistency(start, end, size, tampered, subtreeRoot,
                        root));
            }
        }
        for (int bit = 0; bit < BITS; bit += 7) {
            byte[] badSubtreeRoot = Tamper.flipBit(subtreeRoot, bit);
            assertFails(() -> SubtreeProofs.verifySubtreeConsistency(start, end, size, consistency, badSubtreeRoot,
                    root));
        }
    }

    @Property(tries = 50, seed = "1")
    void regularConsistencyIsSubtreeConsistencyFromZero(@ForAll @IntRange(min = 1, max = 300) int size1,
            @ForAll @IntRange(min = 1, max = 300) int size2) {
        Assume.that(size1 <= size2);
        ReferenceTree tree = ReferenceTree.ofSize(size2, 3);
        assertThat(tree.subtreeConsistencyProof(0, size1, size2)).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(tree.consistencyProof(size1, size2));
        assertThatCode(() -> SubtreeProofs.verifySubtreeConsistency(0, size1, size2,
                tree.consistencyProof(size1, size2), tree.root(size1), tree.root(size2)))
                .doesNotThrowAnyException();
    }

    private static void assertInclusionFails(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
        assertFails(() -> MerkleProofs.verifyInclusion(leaf, index, size, proof, root));
    }

    private static void assertConsistencyFails(long size1, long size2, List<byte[]> proof, byte[] root1,
            byte[] root2) {
        assertFails(() -> MerkleProofs.verifyConsistency(size1, size2, proof, root1, root2));
    }

    private static void assertFails(Verification verification) {
        VerificationException failure = catchThrowableOfType(VerificationException.class, verification::run);
        assertThat(failure).as("tampered proof must not verify").isNotNull();
    }

    @FunctionalInterface
    interface Verification {
        void run() throws VerificationException;
    }
}
