package io.lethe.api;

/**
 * Every reason Lethe rejects a command or a request. Rejections carry the code; clients and tests
 * match on the code, never on message text.
 */
public enum ErrorCode {
    // The value on the wire is not a command at all.
    MALFORMED_JSON,
    INVALID_ENCODING,
    OVERSIZE,
    NOT_A_CLOUDEVENT,
    UNSUPPORTED_SPEC_VERSION,
    /** {@code data_base64} or a binary-mode value whose {@code datacontenttype} is not JSON. */
    UNSUPPORTED_CONTENT_TYPE,
    UNKNOWN_COMMAND_TYPE,
    MISSING_FIELD,
    INVALID_FIELD,
    /** An inline plaintext {@code payload} on Kafka: personal data must arrive sealed (see the producer library). */
    PLAINTEXT_PAYLOAD,
    /** A public command carries a field only the ledger itself may set (such as {@code erasureId}). */
    INTERNAL_FIELD,
    UNAUTHORISED_SOURCE,
    // The command is well formed but breaks a domain rule.
    UNKNOWN_MODEL,
    MODEL_ALREADY_EXISTS,
    UNKNOWN_RECORDS,
    UNKNOWN_SAMPLE,
    EMPTY_SELECTOR,
    RANK_OUT_OF_RANGE,
    UNKNOWN_VERSION,
    VERSION_NOT_COMPLETED,
    NO_BACKBONE,
    EXACT_NOT_POSSIBLE,
    TASK_MISMATCH,
    JOB_MISMATCH,
    NO_OPEN_ERASURE,
    EXTENSION_NOT_ALLOWED,
    RECORD_CONFLICT,
    /** A sealed payload does not open under its subject's current key: stale key, tampered bytes or wrong record. */
    INVALID_SEAL,
    /** A sealed payload names a subject that has no key: none was issued, or an erasure shredded it. */
    UNKNOWN_SUBJECT_KEY,
    // Requests to the query side.
    NOT_FOUND,
    NOT_READY,
    BAD_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    // Something on our side failed; the command may be retried.
    INTERNAL_ERROR;

    /** True when the value could not be read as a command; such values are copied to the DLQ. */
    public boolean isMalformedInput() {
        return ordinal() <= UNAUTHORISED_SOURCE.ordinal();
    }

    /** True when a rejected command is also copied to the dead-letter topic: unreadable, forged or our failure. */
    public boolean isDeadLettered() {
        return isMalformedInput() || this == INVALID_SEAL || this == INTERNAL_ERROR;
    }

    /**
     * True when the dead letter must not repeat the value: it carries personal data in the clear, and a
     * second copy on another topic would outlive any erasure (the original stays until its retention ends).
     */
    public boolean isRedactedInDeadLetters() {
        return this == PLAINTEXT_PAYLOAD;
    }
}
