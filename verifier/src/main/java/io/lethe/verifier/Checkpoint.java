package io.lethe.verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog checkpoint (https://c2sp.org/tlog-checkpoint): the body of a signed note made of the origin line,
 * the tree size in decimal without leading zeros, the base64 RFC 6962 root hash, and optional extension lines.
 *
 * @param origin     the log's unique name, e.g. {@code lethe.local/log}
 * @param treeSize   the number of leaves the root covers
 * @param rootHash   the 32-byte RFC 6962 root hash
 * @param extensions extension lines (Lethe writes none; parsed so foreign checkpoints still verify)
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensions) {

    /** Validates and copies the fields. */
    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("origin must be one non-empty line");
        }
        if (treeSize < 0 || rootHash == null || rootHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("tree size must be >= 0 and the root 32 bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        if (extensions.stream().anyMatch(line -> line.isEmpty() || line.contains("\n"))) {
            throw new IllegalArgumentException("extension lines are non-empty single lines");
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long treeSize, byte[] rootHash) {
        this(origin, treeSize, rootHash, List.of());
    }

    /** @return a copy of the root hash */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** @return the note body: {@code origin\nsize\nbase64(root)\n} followed by any extension lines */
    public String body() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(treeSize).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /**
     * Parses a checkpoint body (no signature checked).
     *
     * @throws VerificationException with {@link Failure#MALFORMED_NOTE} if the body is not a checkpoint
     */
    public static Checkpoint parse(String body) throws VerificationException {
        if (!body.endsWith("\n")) {
            throw malformed("body does not end in a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3 || lines[0].isEmpty()) {
            throw malformed("need origin, size and root lines");
        }
        long size = parseSize(lines[1]);
        byte[] root = parseRoot(lines[2]);
        List<String> extensions = new ArrayList<>(Arrays.asList(lines).subList(3, lines.length));
        if (extensions.contains("")) {
            throw malformed("empty extension line");
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    /**
     * Parses a signed checkpoint note, checks its signature against {@code verifier} and its origin.
     *
     * @param noteText       the full signed note, e.g. the body of {@code GET /api/log/checkpoint}
     * @param verifier       the trusted log key
     * @param expectedOrigin the origin the caller expects; a checkpoint of another log is rejected
     * @return the verified checkpoint
     * @throws VerificationException naming why the checkpoint is not acceptable
     */
    public static Checkpoint verify(String noteText, NoteVerifier verifier, String expectedOrigin)
            throws VerificationException {
        SignedNote note = SignedNote.parse(noteText);
        Checkpoint checkpoint = parse(note.body());
        if (!checkpoint.origin().equals(expectedOrigin)) {
            throw new VerificationException(Failure.WRONG_ORIGIN, "origin is " + checkpoint.origin());
        }
        note.verify(verifier);
        return checkpoint;
    }

    private static long parseSize(String line) throws VerificationException {
        // Decimal without leading zeros, so one tree size has exactly one encoding.
        if (!line.matches("0|[1-9][0-9]{0,18}")) {
            throw malformed("tree size is not canonical decimal");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw malformed("tree size is out of range");
        }
    }

    private static byte[] parseRoot(String line) throws VerificationException {
        byte[] root;
        try {
            root = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw malformed("root hash is not base64");
        }
        if (root.length != Rfc6962.HASH_SIZE || !Base64.getEncoder().encodeToString(root).equals(line)) {
            throw malformed("root hash is not canonical base64 of 32 bytes");
        }
        return root;
    }

    private static VerificationException malformed(String detail) {
        return new VerificationException(Failure.MALFORMED_NOTE, detail);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return (31 * origin.hashCode() + Long.hashCode(treeSize)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return body();
    }
}
