package io.lethe.verifier;

import static io.lethe.verifier.Rfc6962Test.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Lineage membership and non-membership proofs: honest proofs verify, every kind of tampering fails. */
class MembershipProofTest {

    @Property(tries = 300, seed = "31337")
    void honestProofsVerifyWithTheRightVerdict(@ForAll @IntRange(min = 0, max = 64) int size,
            @ForAll long seed, @ForAll boolean askAMember) throws Exception {
        Random random = new Random(seed);
        LineageSet set = new LineageSet(randomCommitments(random, size));
        byte[] asked = askAMember && set.size() > 0 ? set.commitment(random.nextInt(set.size()))
                : randomCommitment(random);
        boolean member = askAMember && set.size() > 0;

        assertThat(set.prove(asked).verify(asked, set.root())).isEqualTo(member);
    }

    @Property(tries = 200, seed = "8")
    void flippingAnyBitOfAProofOrTheCommitmentFails(@ForAll @IntRange(min = 1, max = 40) int size,
            @ForAll long seed, @ForAll boolean askAMember, @ForAll @IntRange(min = 0, max = 255) int bit) {
        Random random = new Random(seed);
        LineageSet set = new LineageSet(randomCommitments(random, size));
        byte[] asked = askAMember ? set.commitment(random.nextInt(set.size())) : randomCommitment(random);
        MembershipProof proof = set.prove(asked);

        for (MembershipProof tampered : tamperings(proof, bit)) {
            assertFails(tampered, asked, set.root());
        }
        assertFails(proof, asked, Tamper.flipBit(set.root(), bit));
        if (askAMember) {
            assertFails(proof, Tamper.flipBit(asked, bit), set.root());
        }
    }

    @Test
    void aMemberCannotBeShownAbsentWithItsOwnNeighbours() {
        LineageSet set = new LineageSet(randomCommitments(new Random(1), 10));
        byte[] member = set.commitment(5);

        MembershipProof skipping = new MembershipProof.NonInclusion(10, Optional.of(set.leaf(4)),
                Optional.of(set.leaf(6)));
        MembershipProof touching = new MembershipProof.NonInclusion(10, Optional.of(set.leaf(4)),
                Optional.of(set.leaf(5)));

        assertFailure(() -> skipping.verify(member, set.root()), Failure.NOT_ADJACENT);
        assertFailure(() -> touching.verify(member, set.root()), Failure.NOT_ORDERED);
    }

    @Test
    void anEdgeClaimMustUseTheEdgeLeaf() {
        LineageSet set = new LineageSet(randomCommitments(new Random(2), 10));
        byte[] beyondLast = filled((byte) 0xff);
        byte[] beforeFirst = filled((byte) 0x00);

        MembershipProof notTheLast = new MembershipProof.NonInclusion(10, Optional.of(set.leaf(8)), Optional.empty());
        MembershipProof notTheFirst = new MembershipProof.NonInclusion(10, Optional.empty(), Optional.of(set.leaf(1)));
        MembershipProof shrunk = new MembershipProof.NonInclusion(9, Optional.of(set.leaf(8)), Optional.empty());

        assertFailure(() -> notTheLast.verify(beyondLast, set.root()), Failure.NOT_ADJACENT);
        assertFailure(() -> notTheFirst.verify(beforeFirst, set.root()), Failure.NOT_ADJACENT);
        // Claiming a smaller set changes the shape of the audit path, so the old path no longer fits.
        assertFails(shrunk, beyondLast, set.root());
    }

    @Test
    void theEmptySetProvesEveryoneAbsentButOnlyAgainstTheEmptyRoot() throws Exception {
        MembershipProof empty = new MembershipProof.NonInclusion(0, Optional.empty(), Optional.empty());
        LineageSet set = new LineageSet(randomCommitments(new Random(3), 3));

        assertThat(empty.verify(filled((byte) 1), Rfc6962.emptyRoot())).isFalse();
        assertFailure(() -> empty.verify(filled((byte) 1), set.root()), Failure.ROOT_MISMATCH);
        MembershipProof emptyClaimForThree = new MembershipProof.NonInclusion(3, Optional.empty(), Optional.empty());
        assertFailure(() -> emptyClaimForThree.verify(filled((byte) 1), set.root()), Failure.NOT_ADJACENT);
    }

    @Test
    void anInclusionProofForAnotherCommitmentIsRejected() {
        LineageSet set = new LineageSet(randomCommitments(new Random(4), 5));
        MembershipProof proofOfTwo = set.prove(set.commitment(2));

        assertFailure(() -> proofOfTwo.verify(set.commitment(3), set.root()), Failure.WRONG_LEAF);
    }

    @Test
    void orderingIsUnsignedLexicographic() throws Exception {
        // 0x7f... sorts below 0x80... unsigned, although (byte) 0x80 is negative in Java.
        LineageSet set = new LineageSet(List.of(filled((byte) 0x10), filled((byte) 0x80)));
        byte[] between = filled((byte) 0x7f);

        MembershipProof proof = set.prove(between);
        assertThat(proof).isInstanceOfSatisfying(MembershipProof.NonInclusion.class, p -> {
            assertThat(p.left()).get().extracting(MembershipProof.LeafProof::index).isEqualTo(0L);
            assertThat(p.right()).get().extracting(MembershipProof.LeafProof::index).isEqualTo(1L);
        });
        assertThat(proof.verify(between, set.root())).isFalse();
    }

    /** Every way of changing one bit, or swapping the neighbours, of an honest proof. */
    private static List<MembershipProof> tamperings(MembershipProof proof, int bit) {
        List<MembershipProof> out = new ArrayList<>();
        if (proof instanceof MembershipProof.Inclusion inclusion) {
            tamperedLeaves(inclusion.leaf(), bit).forEach(l -> out.add(new MembershipProof.Inclusion(
                    inclusion.treeSize(), l)));
            return out;
        }
        MembershipProof.NonInclusion non = (MembershipProof.NonInclusion) proof;
        non.left().ifPresent(left -> tamperedLeaves(left, bit).forEach(l -> out.add(
                new MembershipProof.NonInclusion(non.treeSize(), Optional.of(l), non.right()))));
        non.right().ifPresent(right -> tamperedLeaves(right, bit).forEach(r -> out.add(
                new MembershipProof.NonInclusion(non.treeSize(), non.left(), Optional.of(r)))));
        if (non.left().isPresent() && non.right().isPresent()) {
            out.add(new MembershipProof.NonInclusion(non.treeSize(), non.right(), non.left()));
        }
        return out;
    }

    private static List<MembershipProof.LeafProof> tamperedLeaves(MembershipProof.LeafProof leaf, int bit) {
        List<MembershipProof.LeafProof> out = new ArrayList<>();
        out.add(new MembershipProof.LeafProof(leaf.index(), Tamper.flipBit(leaf.commitment(), bit), leaf.auditPath()));
        for (int i = 0; i < leaf.auditPath().size(); i++) {
            out.add(new MembershipProof.LeafProof(leaf.index(), leaf.commitment(),
                    Tamper.flipBit(leaf.auditPath(), i, bit)));
        }
        return out;
    }

    private static void assertFails(MembershipProof proof, byte[] commitment, byte[] root) {
        VerificationException failure = catchThrowableOfType(VerificationException.class,
                () -> proof.verify(commitment, root));
        assertThat(failure).as("tampered membership proof must not verify").isNotNull();
    }

    private static List<byte[]> randomCommitments(Random random, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(randomCommitment(random));
        }
        return out;
    }

    private static byte[] randomCommitment(Random random) {
        byte[] commitment = new byte[MembershipProof.COMMITMENT_SIZE];
        random.nextBytes(commitment);
        return commitment;
    }

    private static byte[] filled(byte value) {
        byte[] commitment = new byte[MembershipProof.COMMITMENT_SIZE];
        java.util.Arrays.fill(commitment, value);
        return commitment;
    }
}
