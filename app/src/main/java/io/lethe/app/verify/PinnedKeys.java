package io.lethe.app.verify;

import io.lethe.verifier.NoteVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads a key an auditor pins with {@code lethe verify --public-key}: a file or the text itself, holding a PEM
 * public key ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl pkey -pubout} and {@code lethe keys show} write
 * it), a note verifier key {@code <name>+<keyid>+<base64>}, or base64 of the raw 32-byte key (as
 * {@code GET /api/log/keys} serves it).
 */
public final class PinnedKeys {

    /** {@code <name>+<8 hex key id>+<base64>}; the base64 may itself hold '+'. */
    private static final Pattern VERIFIER_KEY = Pattern.compile("[^+\\s]+\\+[0-9a-fA-F]{8}\\+\\S+");
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private PinnedKeys() {
    }

    /**
     * @param argument a file path or the key text
     * @param keyName  the log's key name (its origin), for keys that do not carry one
     * @throws IllegalArgumentException naming what was wrong with the key
     */
    public static NoteVerifier parse(String argument, String keyName) throws IOException {
        String text = (isFile(argument) ? Files.readString(Path.of(argument), StandardCharsets.US_ASCII) : argument)
                .strip();
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("that is a private key: pin its public half (`lethe keys show`)");
        }
        if (text.startsWith(PEM_BEGIN)) {
            return new NoteVerifier(keyName, rawOf(Base64.getMimeDecoder().decode(between(text))));
        }
        if (VERIFIER_KEY.matcher(text).matches()) {
            return NoteVerifier.parse(text);
        }
        return new NoteVerifier(keyName, rawOf(Base64.getDecoder().decode(text)));
    }

    private static boolean isFile(String argument) {
        try {
            return Files.isRegularFile(Path.of(argument));
        } catch (InvalidPathException | SecurityException e) {
            return false;
        }
    }

    private static String between(String pem) {
        int end = pem.indexOf(PEM_END);
        if (end < 0) {
            throw new IllegalArgumentException("no " + PEM_END + " line");
        }
        return pem.substring(PEM_BEGIN.length(), end);
    }

    /** The raw key of 32 raw bytes or of an Ed25519 SubjectPublicKeyInfo. */
    private static byte[] rawOf(byte[] bytes) {
        if (bytes.length == NoteVerifier.PUBLIC_KEY_SIZE) {
            return bytes;
        }
        if (bytes.length == X509_PREFIX.length + NoteVerifier.PUBLIC_KEY_SIZE
                && Arrays.equals(bytes, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return Arrays.copyOfRange(bytes, X509_PREFIX.length, bytes.length);
        }
        throw new IllegalArgumentException("not an Ed25519 public key (" + bytes.length + " bytes)");
    }
}
