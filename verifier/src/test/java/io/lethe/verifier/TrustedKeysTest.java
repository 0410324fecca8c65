package io.lethe.verifier;

import static io.lethe.verifier.Rfc6962Test.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key history verifies checkpoints signed by any of its keys, and only those. */
class TrustedKeysTest {

    private static final String ORIGIN = "lethe.local/log";

    @Test
    void aCheckpointSignedBeforeARotationVerifiesAgainstTheHistory() throws Exception {
        KeyPair retired = SignedNoteTest.ed25519(1);
        KeyPair current = SignedNoteTest.ed25519(2);
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 5, new byte[32]);
        TrustedKeys history = new TrustedKeys(List.of(verifier(retired), verifier(current)));

        assertThat(history.verifyCheckpoint(signed(checkpoint, retired), ORIGIN)).isEqualTo(checkpoint);
        assertThat(history.verifyCheckpoint(signed(checkpoint, current), ORIGIN)).isEqualTo(checkpoint);
    }

    @Test
    void aCheckpointNoTrustedKeySignedIsRejectedNamingItsSigner() throws Exception {
        KeyPair stranger = SignedNoteTest.ed25519(3);
        String note = signed(new Checkpoint(ORIGIN, 5, new byte[32]), stranger);
        TrustedKeys pinned = TrustedKeys.of(verifier(SignedNoteTest.ed25519(1)));

        assertFailure(() -> pinned.verifyCheckpoint(note, ORIGIN), Failure.NO_MATCHING_SIGNATURE);
        assertThatThrownBy(() -> pinned.verifyCheckpoint(note, ORIGIN))
                .hasMessageContaining(String.format("%08x", verifier(stranger).keyId()));
    }

    @Test
    void aForgedSignatureUnderATrustedKeyIdIsABadSignatureNotAMissingOne() throws Exception {
        KeyPair trusted = SignedNoteTest.ed25519(1);
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 5, new byte[32]);
        NoteSignature real = SignedNoteTest.sign(ORIGIN, trusted, checkpoint.body());
        byte[] forged = real.signature();
        forged[0] ^= 1;
        String note = new SignedNote(checkpoint.body(),
                List.of(new NoteSignature(ORIGIN, real.keyId(), forged))).format();

        assertFailure(() -> TrustedKeys.of(verifier(trusted)).verifyCheckpoint(note, ORIGIN), Failure.BAD_SIGNATURE);
    }

    private static NoteVerifier verifier(KeyPair keys) {
        return new NoteVerifier(ORIGIN, NoteVerifier.rawKey(keys.getPublic()));
    }

    private static String signed(Checkpoint checkpoint, KeyPair keys) throws Exception {
        NoteSignature signature = SignedNoteTest.sign(ORIGIN, keys, checkpoint.body());
        return new SignedNote(checkpoint.body(), List.of(signature)).format();
    }
}
