package io.lethe.witness.client;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Submits checkpoints to one witness over C2SP tlog-witness. It sends the consistency proof from the size it
 * believes the witness holds; a 409 with {@code text/x.tlog.size} corrects that belief and the request is sent once
 * more with the proof from the size the witness named. Cosignatures are checked against the configured key before
 * they are returned: a witness's answer is not trusted more than a log's.
 */
public final class WitnessClient {

    private static final String SIZE_TYPE = "text/x.tlog.size";

    private final URI addCheckpoint;
    private final CosignatureVerifier key;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param submissionPrefix the witness's URL prefix; {@code /add-checkpoint} is appended
     * @param key              the witness's cosigning key
     * @param timeout          per request
     */
    public WitnessClient(URI submissionPrefix, CosignatureVerifier key, HttpClient http, Duration timeout) {
        String prefix = submissionPrefix.toString().replaceFirst("/+$", "");
        this.addCheckpoint = URI.create(prefix + "/add-checkpoint");
        this.key = key;
        this.http = http;
        this.timeout = timeout;
    }

    /** @return the witness's key */
    public CosignatureVerifier key() {
        return key;
    }

    /** @return where checkpoints are posted */
    public URI url() {
        return addCheckpoint;
    }

    /**
     * @param note        the log-signed checkpoint note
     * @param believedOld the size the witness is believed to hold (0 when unknown)
     * @param proofFrom   the consistency proof from a size to the checkpoint's size
     * @throws IOException if the witness cannot be reached (a retry later may succeed)
     */
    public Submission submit(String note, long believedOld, LongFunction<List<byte[]>> proofFrom)
            throws IOException, InterruptedException {
        Checkpoint checkpoint = checkpointOf(note);
        Submission first = post(note, checkpoint, believedOld, proofFrom);
        if (first instanceof Submission.Refused refused && refused.status() == 409 && refused.heldSize() >= 0
                && refused.heldSize() != believedOld && refused.heldSize() <= checkpoint.treeSize()) {
            return post(note, checkpoint, refused.heldSize(), proofFrom);
        }
        return first;
    }

    private Submission post(String note, Checkpoint checkpoint, long oldSize, LongFunction<List<byte[]>> proofFrom)
            throws IOException, InterruptedException {
        List<byte[]> proof = oldSize == 0 || oldSize == checkpoint.treeSize() ? List.of() : proofFrom.apply(oldSize);
        HttpRequest request = HttpRequest.newBuilder(addCheckpoint).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body(oldSize, proof, note))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            return cosignature(checkpoint, response.body());
        }
        boolean sizeAnswer = response.statusCode() == 409
                && response.headers().firstValue("Content-Type").orElse("").startsWith(SIZE_TYPE);
        return new Submission.Refused(response.statusCode(), response.body().strip(),
                sizeAnswer ? parseSize(response.body()) : -1);
    }

    /** Keeps the one line by this witness's key that verifies; other lines are ignored, as the spec asks. */
    private Submission cosignature(Checkpoint checkpoint, String lines) {
        try {
            SignedNote cosigned = SignedNote.parse(checkpoint.body() + "\n" + lines);
            for (NoteSignature line : cosigned.signatures()) {
                if (key.names(line)) {
                    key.verify(checkpoint.body(), line);
                    return new Submission.Cosigned(line, checkpoint.treeSize());
                }
            }
            return new Submission.Refused(200, "no cosignature by " + key.name() + " in the answer", -1);
        } catch (VerificationException e) {
            return new Submission.Refused(200, "the witness's answer does not verify: " + e.getMessage(), -1);
        }
    }

    /** @return the add-checkpoint request body */
    public static String body(long oldSize, List<byte[]> proof, String note) {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        return body.append('\n').append(note).toString();
    }

    private static long parseSize(String body) {
        String size = body.strip();
        return size.matches("0|[1-9][0-9]{0,18}") ? Long.parseLong(size) : -1;
    }

    private static Checkpoint checkpointOf(String note) {
        try {
            return Checkpoint.parse(SignedNote.parse(note).body());
        } catch (VerificationException e) {
            throw new IllegalArgumentException("not a signed checkpoint: " + e.getMessage(), e);
        }
    }
}
