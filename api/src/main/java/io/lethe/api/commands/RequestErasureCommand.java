package io.lethe.api.commands;

import io.lethe.api.ids.SubjectId;

import java.time.Instant;

/**
 * {@code lethe.RequestErasure}: a GDPR erasure of one data subject across every model. The subject is
 * named by {@code subjectId} or by {@code subjectPseudonym} (what the REST API and the producer library
 * send, so the raw id never reaches Kafka). The erasure's id is not the producer's to choose: the
 * ledger derives it from the command id and the subject ({@link io.lethe.api.ErasureIds}).
 *
 * @param receivedAt when the request reached the controller (the GDPR clock starts there); default: now
 */
public record RequestErasureCommand(SubjectId subjectId, String subjectPseudonym, String requestedBy,
                                    Instant receivedAt) implements Command {

    public RequestErasureCommand {
        Require.exactlyOne("subjectId", subjectId, "subjectPseudonym", subjectPseudonym);
        if (subjectPseudonym != null) {
            Require.pseudonym("subjectPseudonym", subjectPseudonym);
        }
        Require.text("requestedBy", requestedBy, 256);
    }

    /** A request naming the subject by raw id. */
    public RequestErasureCommand(SubjectId subjectId, String requestedBy, Instant receivedAt) {
        this(subjectId, null, requestedBy, receivedAt);
    }

    /** A request naming the subject by pseudonym only. */
    public static RequestErasureCommand ofPseudonym(String subjectPseudonym, String requestedBy, Instant receivedAt) {
        return new RequestErasureCommand(null, subjectPseudonym, requestedBy, receivedAt);
    }

    /** Keyed by the subject as the command names it: requests for one subject stay in order. */
    @Override
    public String routingKey() {
        return subjectPseudonym != null ? subjectPseudonym : subjectId.value();
    }
}
