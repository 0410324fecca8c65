package io.lethe.command.intake;

/** A failure on our side (database, broker): the same command is tried again, never skipped. */
final class RetryableFailure extends RuntimeException {

    RetryableFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
