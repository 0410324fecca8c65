package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

/** A forget named records that no version of the model has seen: nothing to do, and that is recorded. */
public record NothingToForgetEvent(ModelId modelId, int latestVersion, int requestedCount, String erasureId)
        implements DomainEvent {
}
