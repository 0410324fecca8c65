package io.lethe.verifier;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a C2SP signed note: {@code — <keyName> <base64(keyId || signature)>}.
 *
 * @param keyName   the signer's key name
 * @param keyId     the 4-byte key id, as an unsigned big-endian int
 * @param signature the signature bytes (64 for Ed25519)
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    /** Copies the signature so the record stays immutable. */
    public NoteSignature {
        SignedNote.requireValidKeyName(keyName);
        signature = signature.clone();
    }

    /** @return a copy of the signature bytes */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** @return the signature line, including the leading em dash and the trailing newline */
    public String line() {
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return SignedNote.SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && keyName.equals(that.keyName) && keyId == that.keyId
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keyName.hashCode() + keyId) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
