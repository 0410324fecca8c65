package io.lethe.verifier;

import static io.lethe.verifier.Rfc6962Test.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C2SP signed notes, checked against the golang.org/x/mod/sumdb/note reference example. */
public class SignedNoteTest {

    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_NOTE = PETER_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void theReferenceNoteVerifiesUnderTheReferenceKey() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        SignedNote note = SignedNote.parse(PETER_NOTE);

        assertThat(note.body()).isEqualTo(PETER_TEXT);
        assertThat(note.verify(peter).keyId()).isEqualTo(0xc74f20a3);
        assertThat(note.format()).isEqualTo(PETER_NOTE);
        assertThat(peter.format()).isEqualTo(PETER_VKEY);
    }

    @Test
    void aChangedBodyFailsWithBadSignature() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        SignedNote tampered = SignedNote.parse(PETER_NOTE.replace("cryptography", "cryptographY"));

        assertFailure(() -> tampered.verify(peter), Failure.BAD_SIGNATURE);
    }

    @Test
    void aNoteWithoutTheVerifiersSignatureFailsWithNoMatchingSignature() throws Exception {
        NoteVerifier other = new NoteVerifier("other.example/log", NoteVerifier.parse(PETER_VKEY).publicKey());
        SignedNote note = SignedNote.parse(PETER_NOTE);

        assertFailure(() -> note.verify(other), Failure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void unknownSignaturesAreIgnoredSoWitnessesCanCosign() throws Exception {
        KeyPair witness = ed25519(7);
        SignedNote note = SignedNote.parse(PETER_NOTE);
        SignedNote cosigned = new SignedNote(note.body(), List.of(sign("witness.example", witness, note.body()),
                note.signatures().get(0)));

        assertThat(SignedNote.parse(cosigned.format()).verify(NoteVerifier.parse(PETER_VKEY)).keyName())
                .isEqualTo("PeterNeumann");
    }

    @Test
    void malformedNotesAreRejected() {
        for (String text : List.of("", "no blank line\n\u2014 a AAAAAAA=\n", PETER_TEXT + "\n",
                PETER_TEXT + "\n- PeterNeumann x08go/ZJkuBS9U=\n", PETER_TEXT + "\n\u2014 Peter Neumann AAAAAAA=\n",
                PETER_TEXT + "\n\u2014 PeterNeumann !!!\n", PETER_TEXT + "\n\u2014 PeterNeumann AAAA\n",
                PETER_NOTE.substring(0, PETER_NOTE.length() - 1))) {
            assertFailure(() -> SignedNote.parse(text), Failure.MALFORMED_NOTE);
        }
    }

    @Test
    void theKeyIdIsTheC2spHashOfNameAndKey() throws Exception {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        assertThat(NoteVerifier.keyId("PeterNeumann", peter.publicKey())).isEqualTo(0xc74f20a3);
        assertThatThrownBy(() -> NoteVerifier.parse(PETER_VKEY.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    public static KeyPair ed25519(long seed) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, random);
        return generator.generateKeyPair();
    }

    public static NoteSignature sign(String name, KeyPair keys, String body) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(body.getBytes(StandardCharsets.UTF_8));
        byte[] raw = NoteVerifier.rawKey(keys.getPublic());
        return new NoteSignature(name, NoteVerifier.keyId(name, raw), signer.sign());
    }
}
