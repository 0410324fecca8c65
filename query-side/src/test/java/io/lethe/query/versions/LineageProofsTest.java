package io.lethe.query.versions;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.MembershipViews;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VerificationException;
import io.lethe.api.views.MembershipView;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineageProofsTest {

    private static final LedgerSecret SECRET = LedgerSecret.of(new byte[32]);

    private static VersionQueries.Lineage lineageOf(int records) {
        List<String> sorted = Lineage.sorted(IntStream.range(0, records)
                .mapToObj(i -> SECRET.recordCommitment("r" + i)).toList());
        return new VersionQueries.Lineage("m", 1, Lineage.root(sorted), sorted, true);
    }

    private static boolean verifies(MembershipView view) throws VerificationException {
        return MembershipViews.toProof(view).verify(Base64.getDecoder().decode(view.commitment()),
                Base64.getDecoder().decode(view.lineageRoot()));
    }

    @Test
    void everyRecordOfTheLineageHasAnInclusionProofThatVerifies() throws VerificationException {
        for (int size : new int[] {1, 2, 7, 100}) {
            VersionQueries.Lineage lineage = lineageOf(size);
            LineageProofs proofs = new LineageProofs();
            for (String commitment : lineage.commitments()) {
                MembershipView view = proofs.prove(lineage, commitment);
                assertThat(view.member()).isTrue();
                assertThat(verifies(view)).isTrue();
            }
        }
    }

    @Test
    void aRecordOutsideTheLineageHasANonInclusionProofThatVerifies() throws VerificationException {
        LineageProofs proofs = new LineageProofs();
        for (int size : new int[] {1, 2, 7, 100}) {
            VersionQueries.Lineage lineage = lineageOf(size);
            for (int i = 0; i < 50; i++) {
                MembershipView view = proofs.prove(lineage, SECRET.recordCommitment("other-" + i));
                assertThat(view.member()).isFalse();
                assertThat(verifies(view)).isFalse();
            }
        }
    }

    @Test
    void aNonInclusionProofDoesNotVerifyAgainstAnotherRoot() {
        LineageProofs proofs = new LineageProofs();
        MembershipView view = proofs.prove(lineageOf(10), SECRET.recordCommitment("other"));
        byte[] wrongRoot = Base64.getDecoder().decode(lineageOf(11).root());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MembershipViews.toProof(view)
                        .verify(Base64.getDecoder().decode(view.commitment()), wrongRoot))
                .isInstanceOf(VerificationException.class);
    }
}
