package io.lethe.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): a UTF-8 text body ending in a newline, a blank line, and one
 * or more signature lines {@code — <name> <base64(keyId || signature)>} (U+2014 em dash). The signed message is
 * the body, including its final newline. Unknown signatures are kept and ignored by verification, so witnesses
 * can cosign and keys can rotate.
 *
 * @param body       the signed text, ending in {@code \n}
 * @param signatures the signature lines, in order
 */
public record SignedNote(String body, List<NoteSignature> signatures) {

    /** The prefix of every signature line: an em dash (U+2014) and a space. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    /** Upper bound on signature lines, as in the Go reference, so parsing stays cheap on hostile input. */
    private static final int MAX_SIGNATURES = 100;

    /** Validates the body and copies the signature list. */
    public SignedNote {
        if (!isValidBody(body)) {
            throw new IllegalArgumentException("a note body is non-empty text ending in a newline, no control chars");
        }
        signatures = List.copyOf(signatures);
    }

    /**
     * Parses signed-note text. Does not verify any signature.
     *
     * @throws VerificationException with {@link Failure#MALFORMED_NOTE} when the text is not a signed note
     */
    public static SignedNote parse(String text) throws VerificationException {
        int split = text.lastIndexOf("\n\n");
        if (split < 0 || !text.endsWith("\n")) {
            throw malformed("no blank line before the signatures, or no final newline");
        }
        String body = text.substring(0, split + 1);
        if (!isValidBody(body)) {
            throw malformed("body is empty or holds control characters");
        }
        String signatureBlock = text.substring(split + 2);
        if (signatureBlock.isEmpty()) {
            throw malformed("a signed note needs at least one signature line");
        }
        String[] lines = signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw malformed("too many signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : lines) {
            signatures.add(parseSignatureLine(line));
        }
        return new SignedNote(body, signatures);
    }

    private static NoteSignature parseSignatureLine(String line) throws VerificationException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw malformed("signature line does not start with an em dash and a space");
        }
        String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
        if (parts.length != 2 || !isValidKeyName(parts[0])) {
            throw malformed("signature line is not '<name> <base64>'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not base64");
        }
        if (blob.length < 5) {
            throw malformed("signature is shorter than a key id");
        }
        int keyId = ByteBuffer.wrap(blob, 0, 4).getInt();
        return new NoteSignature(parts[0], keyId, Arrays.copyOfRange(blob, 4, blob.length));
    }

    /** @return the note as text: body, blank line, signature lines */
    public String format() {
        StringBuilder text = new StringBuilder(body).append('\n');
        signatures.forEach(signature -> text.append(signature.line()));
        return text.toString();
    }

    /**
     * Verifies the note against one trusted key: some signature line must carry the key's name and key id and
     * verify under it. Other signatures are ignored.
     *
     * @return the signature that verified
     * @throws VerificationException with {@link Failure#NO_MATCHING_SIGNATURE} or {@link Failure#BAD_SIGNATURE}
     */
    public NoteSignature verify(NoteVerifier verifier) throws VerificationException {
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        boolean sawKey = false;
        for (NoteSignature signature : signatures) {
            if (signature.keyName().equals(verifier.keyName()) && signature.keyId() == verifier.keyId()) {
                sawKey = true;
                if (verifier.verifies(message, signature.signature())) {
                    return signature;
                }
            }
        }
        throw sawKey
                ? new VerificationException(Failure.BAD_SIGNATURE, "signature by " + verifier.keyName() + " is invalid")
                : new VerificationException(Failure.NO_MATCHING_SIGNATURE, "no signature by " + verifier.keyName());
    }

    static boolean isValidKeyName(String name) {
        return name != null && !name.isEmpty() && name.codePoints()
                .noneMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                        || Character.isISOControl(c));
    }

    static void requireValidKeyName(String name) {
        if (!isValidKeyName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
    }

    private static boolean isValidBody(String body) {
        return body != null && !body.isEmpty() && body.endsWith("\n")
                && body.chars().noneMatch(c -> c != '\n' && Character.isISOControl(c));
    }

    private static VerificationException malformed(String detail) {
        return new VerificationException(Failure.MALFORMED_NOTE, detail);
    }
}
