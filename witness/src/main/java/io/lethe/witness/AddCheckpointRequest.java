package io.lethe.witness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: an {@code old <size>} line, at most 63 base64
 * consistency-proof lines, an empty line, then the signed checkpoint note.
 *
 * @param oldSize the size of the checkpoint the client believes the witness last cosigned
 * @param proof   the RFC 6962 consistency proof from {@code oldSize} to the checkpoint's size
 * @param note    the signed checkpoint note, as sent
 */
record AddCheckpointRequest(long oldSize, List<byte[]> proof, String note) {

    /** The spec's bound on proof lines: enough for any tree of up to 2^63 leaves. */
    static final int MAX_PROOF_LINES = 63;

    /**
     * @throws MalformedRequestException if the body does not have that shape (a 400 answer)
     */
    static AddCheckpointRequest parse(String body) throws MalformedRequestException {
        // The first empty line ends the proof; the note after it has an empty line of its own.
        int split = body.indexOf("\n\n");
        if (split < 0) {
            throw new MalformedRequestException("no empty line between the proof and the checkpoint");
        }
        String[] header = body.substring(0, split).split("\n", -1);
        long oldSize = oldSize(header[0]);
        if (header.length - 1 > MAX_PROOF_LINES) {
            throw new MalformedRequestException("more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < header.length; i++) {
            proof.add(hash(header[i]));
        }
        return new AddCheckpointRequest(oldSize, List.copyOf(proof), body.substring(split + 2));
    }

    private static long oldSize(String line) throws MalformedRequestException {
        if (!line.startsWith("old ") || !line.substring(4).matches("0|[1-9][0-9]{0,18}")) {
            throw new MalformedRequestException("the first line is not 'old <size>' in canonical decimal");
        }
        try {
            return Long.parseLong(line.substring(4));
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("old size is out of range");
        }
    }

    private static byte[] hash(String line) throws MalformedRequestException {
        try {
            byte[] hash = Base64.getDecoder().decode(line);
            if (hash.length == 32 && Base64.getEncoder().encodeToString(hash).equals(line)) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MalformedRequestException("a proof line is not the base64 of a 32-byte hash");
    }

    /** The request is not an add-checkpoint body. */
    static final class MalformedRequestException extends Exception {
        MalformedRequestException(String message) {
            super(message);
        }
    }
}
