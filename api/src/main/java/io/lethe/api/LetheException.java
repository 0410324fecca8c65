package io.lethe.api;

/** A rejection with a typed {@link ErrorCode}; the message is for humans only. */
public class LetheException extends RuntimeException {

    private final ErrorCode errorCode;

    public LetheException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
