package io.lethe.query.log;

/**
 * The configured signing key was replaced by a newer one in the key history: an old key file came back (a restored
 * backup, a stale secret). Signing with it again would make the history say one thing and the checkpoints another.
 */
public final class RetiredSigningKeyException extends RuntimeException {

    /** @param message names the key and when it was retired */
    public RetiredSigningKeyException(String message) {
        super(message);
    }
}
