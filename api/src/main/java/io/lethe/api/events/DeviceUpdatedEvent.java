package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

import java.util.Map;

/** A worker put a deployed version on its device: SRAM writes counted, detached branches zeroised. */
public record DeviceUpdatedEvent(ModelId modelId, int version, String jobId, Map<String, Double> metrics)
        implements DomainEvent {

    public DeviceUpdatedEvent {
        metrics = Map.copyOf(metrics);
    }
}
