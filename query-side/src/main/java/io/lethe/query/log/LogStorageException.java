package io.lethe.query.log;

/** The log's storage failed or holds data that contradicts itself (a missing node, a gap). */
public final class LogStorageException extends RuntimeException {

    /** @param message what went wrong */
    public LogStorageException(String message) {
        super(message);
    }

    /** @param message what went wrong; @param cause the underlying failure */
    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
