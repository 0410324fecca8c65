package io.lethe.producer;

/** A command the ledger refused, or a failure to reach it; {@link #errorCode()} is what to match on. */
public final class ProducerException extends RuntimeException {

    private final String errorCode;

    public ProducerException(String errorCode, String message) {
        super(errorCode + ": " + message);
        this.errorCode = errorCode;
    }

    /** An {@code ErrorCode} name from the ledger, or {@code TRANSPORT}, {@code TIMEOUT}, {@code INTERRUPTED}. */
    public String errorCode() {
        return errorCode;
    }
}
