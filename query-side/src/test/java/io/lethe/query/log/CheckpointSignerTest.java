package io.lethe.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.api.verify.Checkpoint;
import io.lethe.api.verify.NoteVerifier;
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
                Ed25519Keys.fromSeed(seed, peter.publicKey()), CLOCK);
        String text = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n";

        assertThat(signer.sign(text).format()).isEqualTo(text + "\n\u2014 PeterNeumann "
                + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    }

    @Test
    void theSigningKeySurvivesARestart() {
        SigningKeyStore keys = new InMemorySigningKeyStore();
        KeyPair first = Ed25519Keys.loadOrCreate(keys, ORIGIN);
        KeyPair second = Ed25519Keys.loadOrCreate(keys, ORIGIN);

        assertThat(NoteVerifier.rawKey(second.getPublic())).isEqualTo(NoteVerifier.rawKey(first.getPublic()));
        assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    }

    @Test
    void checkpointsAndKeysPersistInPostgres() throws Exception {
        TestDatabase.truncateLogTables();
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            Leaves.appendEach(log, null, 0, 21);
            KeyPair keys = Ed25519Keys.loadOrCreate(new JdbcSigningKeyStore(connection), ORIGIN);
            CheckpointSigner signer = new CheckpointSigner(ORIGIN, keys, CLOCK);
            signer.sign(log, new JdbcCheckpointStore(connection), 10);
            signer.signLatest(log, new JdbcCheckpointStore(connection));

            KeyPair restarted = Ed25519Keys.loadOrCreate(new JdbcSigningKeyStore(connection), ORIGIN);
            StoredCheckpoint latest = new JdbcCheckpointStore(connection).latest().orElseThrow();
            NoteVerifier verifier = new NoteVerifier(ORIGIN, NoteVerifier.rawKey(restarted.getPublic()));
            assertThat(Checkpoint.verify(latest.note(), verifier, ORIGIN).treeSize()).isEqualTo(21);
            assertThat(latest.createdAt()).isEqualTo(CLOCK.instant());
            assertThat(new JdbcCheckpointStore(connection).at(10)).isPresent();
        }
    }

    private static MerkleLog logOf(int size) {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(log, null, 0, size);
        return log;
    }
}
