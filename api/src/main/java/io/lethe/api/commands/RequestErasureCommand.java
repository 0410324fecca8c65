package io.lethe.api.commands;

import io.lethe.api.ids.SubjectId;

import java.time.Instant;

/**
 * {@code lethe.RequestErasure}: a GDPR erasure of one data subject across every model.
 *
 * @param receivedAt when the request reached the controller (the GDPR clock starts there); default: now
 * @param erasureId  optional id for the new erasure (the REST API sets one); joined requests keep the open one's
 */
public record RequestErasureCommand(SubjectId subjectId, String requestedBy, Instant receivedAt, String erasureId)
        implements Command {

    public RequestErasureCommand {
        Require.present("subjectId", subjectId);
        Require.text("requestedBy", requestedBy, 256);
        if (erasureId != null) {
            io.lethe.api.ids.Ids.requireSafeId("erasureId", erasureId);
        }
    }

    @Override
    public String routingKey() {
        return subjectId.value();
    }
}
