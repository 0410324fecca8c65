package io.lethe.witness.client;

import io.lethe.verifier.NoteSignature;

/** What came of submitting one checkpoint to one witness. */
public sealed interface Submission {

    /** @return the size this witness is now known to hold, or -1 if the answer did not say */
    long heldSize();

    /**
     * The witness cosigned.
     *
     * @param cosignature its verified cosignature line
     * @param heldSize    the checkpoint's size, now the witness's
     */
    record Cosigned(NoteSignature cosignature, long heldSize) implements Submission {
    }

    /**
     * The witness refused (a fork, a bad proof, an unknown log, ...), or answered something unusable.
     *
     * @param status   the HTTP status
     * @param reason   the witness's explanation
     * @param heldSize the size it holds if it said so, else -1
     */
    record Refused(int status, String reason, long heldSize) implements Submission {
    }
}
