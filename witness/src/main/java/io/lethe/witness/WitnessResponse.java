package io.lethe.witness;

/**
 * What the witness answers an {@code add-checkpoint} request, independent of the HTTP server carrying it.
 *
 * @param status      the HTTP status code the C2SP tlog-witness spec prescribes for the outcome
 * @param contentType the response's media type
 * @param body        the response body
 */
public record WitnessResponse(int status, String contentType, String body) {

    /** Media type of a 409 answer naming the size the witness holds (C2SP tlog-witness). */
    public static final String SIZE_TYPE = "text/x.tlog.size";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";

    static WitnessResponse cosigned(String signatureLines) {
        return new WitnessResponse(200, TEXT_TYPE, signatureLines);
    }

    static WitnessResponse sizeConflict(long heldSize) {
        return new WitnessResponse(409, SIZE_TYPE, heldSize + "\n");
    }

    static WitnessResponse refused(int status, String why) {
        return new WitnessResponse(status, TEXT_TYPE, why + "\n");
    }
}
