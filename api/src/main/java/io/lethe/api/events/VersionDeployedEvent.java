package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

/** A completed version became the deployed one; workers swap their SRAM branches to it. */
public record VersionDeployedEvent(ModelId modelId, int version, Integer previousVersion, String jobId,
                                   String erasureId) implements DomainEvent {
}
