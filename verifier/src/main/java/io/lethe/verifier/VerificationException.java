package io.lethe.verifier;

/**
 * A proof, note or checkpoint did not verify. Checked on purpose: a caller of a verifier must decide what a
 * failed verification means for it rather than let it escape unnoticed.
 */
public final class VerificationException extends Exception {

    private final Failure failure;

    /**
     * @param failure the machine-readable reason
     * @param message a human-readable detail (never parsed)
     */
    public VerificationException(Failure failure, String message) {
        super(failure + ": " + message);
        this.failure = failure;
    }

    /** @return the machine-readable reason for the rejection */
    public Failure failure() {
        return failure;
    }
}
