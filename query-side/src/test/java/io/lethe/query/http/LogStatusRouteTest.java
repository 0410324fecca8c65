package io.lethe.query.http;

import io.lethe.verifier.TrustedKeys;
import io.lethe.api.views.LogStatusView;
import io.lethe.query.log.CheckpointSigner;
import io.lethe.query.log.Ed25519Keys;
import io.lethe.query.log.InMemoryCheckpointStore;
import io.lethe.query.log.InMemoryNodeStore;
import io.lethe.query.log.MerkleLog;
import io.lethe.query.log.NewLeaf;
import io.lethe.query.log.StoredCheckpoint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The log status is a real verification: signature under the log key and root against the stored tree. */
class LogStatusRouteTest {

    private static final String ORIGIN = "lethe.local/log";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final MerkleLog log = new MerkleLog(new InMemoryNodeStore());
    private final CheckpointSigner signer = new CheckpointSigner(ORIGIN, Ed25519Keys.generate(), CLOCK);

    @Test
    void aCheckpointOfTheStoredTreeVerifiesAndCountsNewerLeaves() {
        append(5);
        StoredCheckpoint checkpoint = signer.signLatest(log, new InMemoryCheckpointStore());
        append(3);

        LogStatusView status = LogStatusRoute.check(log.size(), Optional.of(checkpoint),
                TrustedKeys.of(signer.verifier()), ORIGIN, log::root);

        assertThat(status.verified()).isTrue();
        assertThat(status.problem()).isNull();
        assertThat(status.treeSize()).isEqualTo(8);
        assertThat(status.checkpoint().treeSize()).isEqualTo(5);
        assertThat(status.checkpoint().leavesSince()).isEqualTo(3);
        assertThat(status.checkpoint().signatureValid()).isTrue();
        assertThat(status.checkpoint().rootMatchesLog()).isTrue();
        assertThat(status.checkpoint().signedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aCheckpointSignedByAnotherKeyFailsOnItsSignature() {
        append(4);
        StoredCheckpoint checkpoint = signer.signLatest(log, new InMemoryCheckpointStore());
        CheckpointSigner stranger = new CheckpointSigner(ORIGIN, Ed25519Keys.generate(), CLOCK);

        LogStatusView status = LogStatusRoute.check(log.size(), Optional.of(checkpoint),
                TrustedKeys.of(stranger.verifier()), ORIGIN, log::root);

        assertThat(status.verified()).isFalse();
        assertThat(status.checkpoint().signatureValid()).isFalse();
        assertThat(status.problem()).contains("does not verify");
    }

    @Test
    void aCheckpointSignedBeforeARotationVerifiesAgainstTheKeyHistory() {
        append(4);
        StoredCheckpoint checkpoint = signer.signLatest(log, new InMemoryCheckpointStore());
        CheckpointSigner rotated = new CheckpointSigner(ORIGIN, Ed25519Keys.generate(), CLOCK);

        LogStatusView status = LogStatusRoute.check(log.size(), Optional.of(checkpoint),
                new TrustedKeys(List.of(signer.verifier(), rotated.verifier())), ORIGIN, log::root);

        assertThat(status.verified()).isTrue();
    }

    @Test
    void aCheckpointWhoseRootDiffersFromTheStoredTreeFails() {
        append(4);
        StoredCheckpoint checkpoint = signer.signLatest(log, new InMemoryCheckpointStore());
        MerkleLog rewritten = new MerkleLog(new InMemoryNodeStore());
        rewritten.append(new NewLeaf("other".getBytes(StandardCharsets.UTF_8), "x", "Other"));
        append(rewritten, 3);

        LogStatusView status = LogStatusRoute.check(rewritten.size(), Optional.of(checkpoint),
                TrustedKeys.of(signer.verifier()), ORIGIN, rewritten::root);

        assertThat(status.verified()).isFalse();
        assertThat(status.checkpoint().signatureValid()).isTrue();
        assertThat(status.checkpoint().rootMatchesLog()).isFalse();
        assertThat(status.problem()).contains("differs");
    }

    @Test
    void noCheckpointYetIsNotVerified() {
        append(2);

        LogStatusView status = LogStatusRoute.check(log.size(), Optional.empty(),
                TrustedKeys.of(signer.verifier()), ORIGIN, log::root);

        assertThat(status.verified()).isFalse();
        assertThat(status.checkpoint()).isNull();
        assertThat(status.problem()).contains("no checkpoint");
    }

    private void append(int leaves) {
        append(log, leaves);
    }

    private static void append(MerkleLog target, int leaves) {
        for (int i = 0; i < leaves; i++) {
            long index = target.size();
            target.append(new NewLeaf(("leaf " + index).getBytes(StandardCharsets.UTF_8), "event-" + index, "Test"));
        }
    }
}
