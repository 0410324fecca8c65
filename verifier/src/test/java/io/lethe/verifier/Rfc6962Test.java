package io.lethe.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers from transparency-dev/merkle {@code testonly/constants.go} and RFC 9162's worked example. */
class Rfc6962Test {

    private static final HexFormat HEX = HexFormat.of();
    /** The eight leaf inputs of the reference test data. */
    private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    @Test
    void emptyTreeRootIsSha256OfTheEmptyString() {
        assertThat(HEX.formatHex(Rfc6962.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsOfTheReferenceLeavesMatchThePublishedValues() {
        List<byte[]> leafHashes = new ArrayList<>();
        LEAVES.forEach(hex -> leafHashes.add(Rfc6962.leafHash(HEX.parseHex(hex))));

        assertThat(HEX.formatHex(Rfc6962.rootOfLeafHashes(leafHashes.subList(0, 1))))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(HEX.formatHex(Rfc6962.rootOfLeafHashes(leafHashes.subList(0, 2))))
                .isEqualTo("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(HEX.formatHex(Rfc6962.rootOfLeafHashes(leafHashes)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void theRfcWorkedExampleProofsForSevenLeavesVerify() throws Exception {
        ReferenceTree tree = ReferenceTree.ofSize(7, 0);
        for (int m = 0; m < 7; m++) {
            MerkleProofs.verifyInclusion(tree.leafHash(m), m, 7, tree.inclusionProof(m, 7), tree.root(7));
        }
        // PROOF(3, D7) = [c, d, g, l], PROOF(4, D7) = [l], PROOF(6, D7) = [i, j, k] (RFC 9162 §2.1.5).
        assertThat(tree.consistencyProof(3, 7)).hasSize(4);
        assertThat(tree.consistencyProof(4, 7)).hasSize(1);
        assertThat(tree.consistencyProof(6, 7)).hasSize(3);
        for (int m = 1; m <= 7; m++) {
            MerkleProofs.verifyConsistency(m, 7, tree.consistencyProof(m, 7), tree.root(m), tree.root(7));
        }
    }

    @Test
    void inclusionFailuresNameTheirReason() {
        ReferenceTree tree = ReferenceTree.ofSize(5, 0);
        List<byte[]> proof = tree.inclusionProof(2, 5);

        assertFailure(() -> MerkleProofs.verifyInclusion(tree.leafHash(2), 5, 5, proof, tree.root(5)),
                Failure.INDEX_OUT_OF_RANGE);
        assertFailure(() -> MerkleProofs.verifyInclusion(new byte[3], 2, 5, proof, tree.root(5)),
                Failure.WRONG_HASH_SIZE);
        assertFailure(() -> MerkleProofs.verifyInclusion(tree.leafHash(2), 2, 5, proof.subList(1, proof.size()),
                tree.root(5)), Failure.WRONG_PROOF_SIZE);
        assertFailure(() -> MerkleProofs.verifyInclusion(tree.leafHash(3), 2, 5, proof, tree.root(5)),
                Failure.ROOT_MISMATCH);
        assertFailure(() -> MerkleProofs.verifyInclusion(tree.leafHash(2), -1, 5, proof, tree.root(5)),
                Failure.NEGATIVE_VALUE);
    }

    @Test
    void consistencyFailuresNameTheirReason() {
        ReferenceTree tree = ReferenceTree.ofSize(6, 0);

        assertFailure(() -> MerkleProofs.verifyConsistency(6, 5, List.of(), tree.root(6), tree.root(5)),
                Failure.TREE_SHRANK);
        assertFailure(() -> MerkleProofs.verifyConsistency(0, 5, List.of(), tree.root(0), tree.root(5)),
                Failure.EMPTY_FIRST_TREE);
        assertFailure(() -> MerkleProofs.verifyConsistency(3, 5, List.of(), tree.root(3), tree.root(5)),
                Failure.EMPTY_PROOF);
        assertFailure(() -> MerkleProofs.verifyConsistency(3, 5, tree.consistencyProof(3, 5), tree.root(3),
                tree.root(6)), Failure.ROOT_MISMATCH);
    }

    static void assertFailure(MerkleProofPropertiesTest.Verification verification, Failure expected) {
        assertThatThrownBy(verification::run).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
