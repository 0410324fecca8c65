package io.lethe.api.commands;

import io.lethe.api.ids.SubjectId;

import java.time.Instant;

/** {@code lethe.RequestErasure}: a GDPR erasure of one data subject across every model. */
public record RequestErasureCommand(SubjectId subjectId, String requestedBy, Instant receivedAt) implements Command {

    public RequestErasureCommand {
        Require.present("subjectId", subjectId);
        Require.text("requestedBy", requestedBy, 256);
    }

    @Override
    public String routingKey() {
        return subjectId.value();
    }
}
