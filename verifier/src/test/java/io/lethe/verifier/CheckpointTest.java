package io.lethe.verifier;

import static io.lethe.verifier.Rfc6962Test.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C2SP tlog checkpoints: body format, signature and origin checks. */
class CheckpointTest {

    private static final String ORIGIN = "lethe.local/log";

    @Test
    void aSignedCheckpointRoundTripsAndVerifies() throws Exception {
        KeyPair keys = SignedNoteTest.ed25519(1);
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 8, ReferenceTree.ofSize(8, 0).root(8));
        String note = signed(checkpoint, keys);
        NoteVerifier verifier = new NoteVerifier(ORIGIN, NoteVerifier.rawKey(keys.getPublic()));

        assertThat(Checkpoint.verify(note, verifier, ORIGIN)).isEqualTo(checkpoint);
        assertThat(note).startsWith(ORIGIN + "\n8\n").contains("\n\n\u2014 " + ORIGIN + " ");
    }

    @Test
    void aCheckpointOfAnotherOriginIsRejected() throws Exception {
        KeyPair keys = SignedNoteTest.ed25519(1);
        String note = signed(new Checkpoint("evil.example/log", 1, new byte[32]), keys);
        NoteVerifier verifier = new NoteVerifier(ORIGIN, NoteVerifier.rawKey(keys.getPublic()));

        assertFailure(() -> Checkpoint.verify(note, verifier, ORIGIN), Failure.WRONG_ORIGIN);
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRejected() throws Exception {
        String note = signed(new Checkpoint(ORIGIN, 1, new byte[32]), SignedNoteTest.ed25519(1));
        NoteVerifier wrongKey = new NoteVerifier(ORIGIN, NoteVerifier.rawKey(SignedNoteTest.ed25519(2).getPublic()));

        assertFailure(() -> Checkpoint.verify(note, wrongKey, ORIGIN), Failure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void nonCanonicalBodiesAreRejected() {
        String root = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        for (String body : List.of(ORIGIN + "\n08\n" + root + "\n", ORIGIN + "\n-1\n" + root + "\n",
                ORIGIN + "\n8\n" + root, ORIGIN + "\n8\n", "\n8\n" + root + "\n", ORIGIN + "\n8\nAAAA\n",
                ORIGIN + "\n99999999999999999999\n" + root + "\n", ORIGIN + "\n8\n" + root + "\n\n")) {
            assertFailure(() -> Checkpoint.parse(body), Failure.MALFORMED_NOTE);
        }
    }

    @Test
    void extensionLinesAreParsedAndKept() throws Exception {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 3, new byte[32], List.of("ext one"));
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
    }

    private static String signed(Checkpoint checkpoint, KeyPair keys) throws Exception {
        NoteSignature signature = SignedNoteTest.sign(ORIGIN, keys, checkpoint.body());
        return new SignedNote(checkpoint.body(), List.of(signature)).format();
    }
}
