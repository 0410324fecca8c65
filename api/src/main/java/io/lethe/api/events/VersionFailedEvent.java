package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

/** A requested version could not be produced; it can never be deployed. */
public record VersionFailedEvent(ModelId modelId, int version, String jobId, String reason, String erasureId)
        implements DomainEvent {
}
