package io.lethe.sim.snapshot;

/** The bytes are not a snapshot this simulator wrote (wrong magic, version, task or truncated). */
public final class SnapshotFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }
}
