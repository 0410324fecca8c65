package io.lethe.witness;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.SignedNote;
import io.lethe.witness.client.WitnessClient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A log for witness tests: leaves {@code salt + i}, hashes by the RFC's recursive definitions, checkpoints signed
 * with a seeded Ed25519 key. Two logs with the same key and different salts are a split view.
 */
final class TestLog {

    static final String ORIGIN = "test.lethe/log";

    private final KeyPair key;
    private final long salt;
    private final List<byte[]> leaves = new ArrayList<>();

    TestLog(KeyPair key, long salt) {
        this.key = key;
        this.salt = salt;
    }

    static KeyPair key(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    NoteVerifier verifier() {
        return new NoteVerifier(ORIGIN, NoteVerifier.rawKey(key.getPublic()));
    }

    TestLog grow(int count) {
        for (int i = 0; i < count; i++) {
            leaves.add(Rfc6962.leafHash(ByteBuffer.allocate(8).putLong(salt + leaves.size()).array()));
        }
        return this;
    }

    Checkpoint checkpoint(int size) {
        return new Checkpoint(ORIGIN, size, hash(0, size));
    }

    String note(int size) {
        String body = checkpoint(size).body();
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivate());
            ed25519.update(body.getBytes(StandardCharsets.UTF_8));
            NoteVerifier v = verifier();
            return new SignedNote(body, List.of(new NoteSignature(ORIGIN, v.keyId(), ed25519.sign()))).format();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The add-checkpoint body from {@code oldSize} (with its proof) to a checkpoint at {@code size}. */
    String request(int oldSize, int size) {
        List<byte[]> proof = oldSize == 0 || oldSize == size ? List.of() : consistencyProof(oldSize, size);
        return WitnessClient.body(oldSize, proof, note(size));
    }

    byte[] hash(int from, int to) {
        if (to == from) {
            return Rfc6962.emptyRoot();
        }
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(to - from - 1);
        return Rfc6962.nodeHash(hash(from, from + k), hash(from + k, to));
    }

    /** RFC 9162 PROOF(m, D_n). */
    List<byte[]> consistencyProof(int m, int n) {
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, n, true, proof);
        return proof;
    }

    private void subproof(int m, int from, int to, boolean known, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!known) {
                out.add(hash(from, to));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, from, from + k, known, out);
            out.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(hash(from, from + k));
        }
    }
}
