package io.lethe.witness;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.SignedNote;
import io.lethe.witness.client.WitnessClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WitnessTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private final KeyPair logKey = TestLog.key(1);
    private final TestLog log = new TestLog(logKey, 0).grow(40);
    private final List<Fork> forks = new ArrayList<>();
    private Witness witness;

    @BeforeEach
    void open() throws Exception {
        witness = open(stateDir);
    }

    private Witness open(Path dir) throws Exception {
        WitnessKey key = WitnessKey.loadOrCreate("witness.test/w1", dir.resolve("witness-key.pem"),
                TestLog.seeded(7));
        return Witness.open(key, List.of(log.verifier()), dir, Clock.fixed(NOW, ZoneOffset.UTC), forks::add);
    }

    @Test
    void cosignsAFirstCheckpointWithAVerifiableTimestampedCosignature() throws Exception {
        WitnessResponse response = witness.addCheckpoint(log.request(0, 10));

        assertThat(response.status()).isEqualTo(200);
        NoteSignature line = cosignatureOf(response, 10);
        CosignatureVerifier key = witness.key().verifier();
        assertThat(key.verify(log.checkpoint(10).body(), line)).isEqualTo(NOW.getEpochSecond());
        assertThat(line.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void persistsTheCosignedCheckpointBeforeAnswering() throws Exception {
        witness.addCheckpoint(log.request(0, 10));

        Witness reopened = open(stateDir);
        assertThat(reopened.latest(TestLog.ORIGIN)).contains(log.checkpoint(10));
        assertThat(reopened.addCheckpoint(log.request(0, 20)).body()).isEqualTo("10\n");
    }

    @Test
    void extendsWithAConsistencyProof() {
        witness.addCheckpoint(log.request(0, 10));

        assertThat(witness.addCheckpoint(log.request(10, 33)).status()).isEqualTo(200);
        assertThat(witness.latest(TestLog.ORIGIN).orElseThrow().treeSize()).isEqualTo(33);
    }

    @Test
    void answersAWrongOldSizeWith409AndTheSizeItHolds() {
        witness.addCheckpoint(log.request(0, 10));

        WitnessResponse response = witness.addCheckpoint(log.request(5, 20));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("text/x.tlog.size");
        assertThat(response.body()).isEqualTo("10\n");
    }

    @Test
    void refusesSameSizeWithAnotherRootAndReportsBothRoots() {
        witness.addCheckpoint(log.request(0, 10));
        TestLog fork = new TestLog(logKey, 1000).grow(10);

        WitnessResponse response = witness.addCheckpoint(fork.request(10, 10));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).isNotEqualTo(WitnessResponse.SIZE_TYPE);
        assertThat(response.body()).contains(base64(log.checkpoint(10).rootHash()))
                .contains(base64(fork.checkpoint(10).rootHash()));
        assertThat(forks).singleElement().satisfies(f -> {
            assertThat(f.held()).isEqualTo(log.checkpoint(10));
            assertThat(f.submitted()).isEqualTo(fork.checkpoint(10));
        });
        assertThat(witness.latest(TestLog.ORIGIN)).contains(log.checkpoint(10));
        assertThat(stateDir.resolve("forks")).isDirectoryContaining(p -> p.toString().endsWith(".txt"));
    }

    @Test
    void refusesACheckpointThatDoesNotExtendTheCosignedOneWith422() throws Exception {
        witness.addCheckpoint(log.request(0, 10));
        TestLog fork = new TestLog(logKey, 1000).grow(20);

        WitnessResponse response = witness.addCheckpoint(fork.request(10, 20));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains(base64(log.checkpoint(10).rootHash()))
                .contains(base64(fork.checkpoint(20).rootHash()));
        assertThat(forks).hasSize(1);
        try (var files = Files.list(stateDir.resolve("forks"))) {
            String evidence = Files.readString(files.findFirst().orElseThrow());
            assertThat(evidence).contains(log.note(10)).contains(fork.note(20));
        }
    }

    @Test
    void refusesUnknownOriginsWith404() {
        KeyPair otherKey = TestLog.key(2);
        String note = new TestLog(otherKey, 0).grow(3).note(3).replace(TestLog.ORIGIN, "other.log/x");
        assertThat(witness.addCheckpoint("old 0\n\n" + note).status()).isEqualTo(404);
    }

    @Test
    void refusesACheckpointNoConfiguredKeySignedWith403() {
        TestLog impostor = new TestLog(TestLog.key(3), 0).grow(10);
        assertThat(witness.addCheckpoint(impostor.request(0, 10)).status()).isEqualTo(403);
    }

    @Test
    void refusesAnOldSizeAboveTheCheckpointsWith400() {
        assertThat(witness.addCheckpoint(WitnessClient.body(11, List.of(), log.note(10))).status())
                .isEqualTo(400);
    }

    @Test
    void refusesMalformedBodiesWith400() {
        assertThat(witness.addCheckpoint("old 01\n\n" + log.note(10)).status()).isEqualTo(400);
        assertThat(witness.addCheckpoint("old 0\nnot-base64!\n\n" + log.note(10)).status()).isEqualTo(400);
        assertThat(witness.addCheckpoint(log.note(10)).status()).isEqualTo(400);
        assertThat(witness.addCheckpoint("old 0\n\nnot a note\n").status()).isEqualTo(400);
    }

    @Test
    void refusesABadProofWith422() {
        witness.addCheckpoint(log.request(0, 10));
        List<byte[]> proof = new ArrayList<>(log.consistencyProof(10, 20));
        proof.set(0, new byte[32]);

        assertThat(witness.addCheckpoint(WitnessClient.body(10, proof, log.note(20))).status())
                .isEqualTo(422);
        assertThat(witness.addCheckpoint(WitnessClient.body(0, log.consistencyProof(10, 20),
                log.note(20))).status()).isEqualTo(409);
    }

    @Test
    void cosignsTheSameCheckpointAgain() {
        witness.addCheckpoint(log.request(0, 10));
        assertThat(witness.addCheckpoint(log.request(10, 10)).status()).isEqualTo(200);
    }

    private static NoteSignature cosignatureOf(WitnessResponse response, int size) throws Exception {
        assertThat(response.body()).startsWith(SignedNote.SIGNATURE_PREFIX).endsWith("\n");
        SignedNote note = SignedNote.parse(new Checkpoint(TestLog.ORIGIN, size, new byte[32]).body() + "\n"
                + response.body());
        return note.signatures().get(0);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
