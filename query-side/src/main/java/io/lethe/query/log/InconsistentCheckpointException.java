package io.lethe.query.log;

/**
 * The signer refused a checkpoint that would contradict one it signed before: the tree shrank, or the new root is
 * not an append-only extension of the old one. Signing it would let a client prove the log equivocated.
 */
public final class InconsistentCheckpointException extends RuntimeException {

    /** @param message why the checkpoint was refused */
    public InconsistentCheckpointException(String message) {
        super(message);
    }

    /** @param message why; @param cause the verification failure */
    public InconsistentCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
