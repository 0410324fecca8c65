package io.lethe.witness;

import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The witness's own Ed25519 key, in one owner-only PEM file holding the PKCS#8 private key and the X.509 public
 * key (the JDK cannot derive the public half from a PKCS#8 v1 key, so both are kept). Created on first start.
 */
public final class WitnessKey {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final String name;
    private final KeyPair pair;

    private WitnessKey(String name, KeyPair pair) {
        this.name = name;
        this.pair = pair;
    }

    /** Reads the key in {@code file}, or creates it there if the file does not exist. */
    public static WitnessKey loadOrCreate(String name, Path file) throws IOException {
        return loadOrCreate(name, file, new SecureRandom());
    }

    /** As {@link #loadOrCreate(String, Path)}, drawing a new key from {@code random} (tests seed it). */
    public static WitnessKey loadOrCreate(String name, Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return new WitnessKey(name, read(file));
        }
        KeyPair pair = generate(random);
        String pem = pem(PRIVATE, pair.getPrivate().getEncoded()) + pem(PUBLIC, pair.getPublic().getEncoded());
        DurableFiles.replace(file, pem.getBytes(StandardCharsets.US_ASCII));
        return new WitnessKey(name, pair);
    }

    /** @return the public key, as log operators and auditors configure it */
    public CosignatureVerifier verifier() {
        return new CosignatureVerifier(name, NoteVerifier.rawKey(pair.getPublic()));
    }

    /** @return a C2SP tlog-cosignature/v1 line over {@code checkpointBody} at {@code timestamp} */
    public NoteSignature cosign(String checkpointBody, long timestamp) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(pair.getPrivate());
            ed25519.update(CosignatureVerifier.signedMessage(timestamp, checkpointBody));
            return verifier().line(timestamp, ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(PRIVATE, text, file)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(der(PUBLIC, text, file)));
            return requireMatching(new KeyPair(publicKey, privateKey), file);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold an Ed25519 key pair", e);
        }
    }

    /** A file whose two halves do not belong together would make every cosignature unverifiable: refuse it. */
    private static KeyPair requireMatching(KeyPair pair, Path file) throws GeneralSecurityException, IOException {
        byte[] probe = "lethe witness key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(probe);
        Signature checker = Signature.getInstance("Ed25519");
        checker.initVerify(pair.getPublic());
        checker.update(probe);
        if (!checker.verify(signer.sign())) {
            throw new IOException(file + ": the public key does not match the private key");
        }
        return pair;
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String label, String text, Path file) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            throw new IOException(file + " has no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
