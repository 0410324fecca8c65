package io.lethe.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Checkpoints are signed in the C2SP format, verify with the api verifier, and never contradict each other. */
class CheckpointSignerTest {

    private static final String ORIGIN = "lethe.local/log";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final KeyPair KEYS = Ed25519Keys.generate();

    @Test
    void aSignedCheckpointVerifiesWithTheAuditorsVerifier() throws Exception {
        MerkleLog log = logOf(13);
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, KEYS, CLOCK);

        StoredCheckpoint stored = signer.signLatest(log, new InMemoryCheckpointStore());

        Checkpoint checkpoint = Checkpoint.verify(stored.note(), signer.verifier(), ORIGIN);
        assertThat(checkpoint.treeSize()).isEqualTo(13);
        assertThat(checkpoint.rootHash()).isEqualTo(log.root(13));
        assertThat(stored.note()).startsWith(ORIGIN + "\n13\n" + Base64.getEncoder().encodeToString(log.root(13))
                + "\n\n\u2014 " + ORIGIN + " ");
    }

    @Test
    void successiveCheckpointsOfAGrowingLogAreSigned() {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        CheckpointStore store = new InMemoryCheckpointStore();
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, KEYS, CLOCK);
        signer.signLatest(log, store);
        for (int size = 1; size <= 40; size += 3) {
            Leaves.appendEach(log, null, log.size(), size);
            assertThat(signer.signLatest(log, store).treeSize()).isEqualTo(size);
        }
    }

    @Test
    void signingTheSameSizeAgainReturnsTheStoredCheckpoint() {
        MerkleLog log = logOf(5);
        CheckpointStore store = new InMemoryCheckpointStore();
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, KEYS, CLOCK);

        StoredCheckpoint first = signer.signLatest(log, store);
        assertThat(signer.signLatest(log, store).note()).isEqualTo(first.note());
    }

    @Test
    void refusesToSignASmallerTreeThanTheLatestCheckpoint() {
        MerkleLog log = logOf(8);
        CheckpointStore store = new InMemoryCheckpointStore();
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, KEYS, CLOCK);
        signer.signLatest(log, store);

        assertThatThrownBy(() -> signer.sign(log, store, 7)).isInstanceOf(InconsistentCheckpointException.class);
    }

    @Test
    void refusesToSignWhenTheLogIsNoLongerAnExtensionOfTheLatestCheckpoint() {
        MerkleLog original = logOf(6);
        CheckpointStore store = new InMemoryCheckpointStore();
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, KEYS, CLOCK);
        signer.signLatest(original, store);
        // A log whose leaf 2 was rewritten: same sizes, different history.
        MerkleLog rewritten = new MerkleLog(new InMemoryNodeStore());
        for (int i = 0; i < 9; i++) {
            rewritten.append(i == 2 ? new NewLeaf(new byte[] {42}, "ev-2", "Tampered") : Leaves.leaf(i));
        }

        assertThatThrownBy(() -> signer.signLatest(rewritten, store))
                .isInstanceOf(InconsistentCheckpointException.class);
        assertThatThrownBy(() -> signer.sign(rewritten, store, 6))
                .isInstanceOf(InconsistentCheckpointException.class);
        assertThat(store.latest()).get().extracting(StoredCheckpoint::treeSize).isEqualTo(6L);
    }

    @Test
    void reproducesTheGoReferenceNoteSignatureByteForByte() {
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"), 1,
                33);
        NoteVerifier peter = NoteVerifier.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        CheckpointSigner signer = new CheckpointSigner("PeterNeumann",
                Ed25519Keys.fromSeed(seed), CLOCK);
        String text = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n";

        assertThat(signer.sign(text).format()).isEqualTo(text + "\n\u2014 PeterNeumann "
                + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    }

    @Test
    void aSeedRestoresTheGoReferenceKeyPairAndPkcs8RoundTrips() {
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"), 1,
                33);
        NoteVerifier peter = NoteVerifier.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");

        KeyPair restored = Ed25519Keys.fromSeed(seed);
        KeyPair fromPkcs8 = Ed25519Keys.fromPkcs8(restored.getPrivate().getEncoded());

        assertThat(NoteVerifier.rawKey(restored.getPublic())).isEqualTo(peter.publicKey());
        assertThat(NoteVerifier.rawKey(fromPkcs8.getPublic())).isEqualTo(peter.publicKey());
        assertThat(Ed25519Keys.seedOf(fromPkcs8.getPrivate().getEncoded())).isEqualTo(seed);
        assertThatThrownBy(() -> Ed25519Keys.fromPkcs8(new byte[48])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointsPersistInPostgresAndARotatedKeyJoinsTheHistory() throws Exception {
        TestDatabase.truncateLogTables();
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            Leaves.appendEach(log, null, 0, 21);
            KeyPair first = Ed25519Keys.generate();
            CheckpointSigner signer = new CheckpointSigner(ORIGIN, first, CLOCK);
            JdbcKeyHistory history = new JdbcKeyHistory(connection);
            history.makeCurrent(signer.verifier(), CLOCK.instant());
            signer.sign(log, new JdbcCheckpointStore(connection), 10);
            CheckpointSigner rotated = new CheckpointSigner(ORIGIN, Ed25519Keys.generate(), CLOCK);
            history.makeCurrent(rotated.verifier(), CLOCK.instant().plusSeconds(1));
            rotated.signLatest(log, new JdbcCheckpointStore(connection));

            TrustedKeys keys = new TrustedKeys(history.all().stream().map(LogKey::verifier).toList());
            assertThat(keys.verifyCheckpoint(new JdbcCheckpointStore(connection).at(10).orElseThrow().note(), ORIGIN)
                    .treeSize()).isEqualTo(10);
            StoredCheckpoint latest = new JdbcCheckpointStore(connection).latest().orElseThrow();
            assertThat(keys.verifyCheckpoint(latest.note(), ORIGIN).treeSize()).isEqualTo(21);
            assertThat(latest.createdAt()).isEqualTo(CLOCK.instant());
            assertThat(history.all()).extracting(LogKey::retired).containsExactly(true, false);
            assertThatThrownBy(() -> history.makeCurrent(signer.verifier(), CLOCK.instant().plusSeconds(2)))
                    .isInstanceOf(RetiredSigningKeyException.class);
        }
    }

    private static MerkleLog logOf(int size) {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(log, null, 0, size);
        return log;
    }
}
