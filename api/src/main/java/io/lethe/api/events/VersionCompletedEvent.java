package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

import java.util.List;
import java.util.Map;

/**
 * A model version exists and can be deployed. {@code digest} binds the backbone digest, every
 * branch's weights digest and every lineage root (see {@code VersionDigests}); {@code lineageRoot}
 * is the root over the union of all components' commitments.
 */
public record VersionCompletedEvent(ModelId modelId, int version, int baseVersion, VersionCause cause, String jobId,
                                    String digest, String lineageRoot, int lineageSize,
                                    List<ComponentLineage> components, Map<String, Double> metrics,
                                    Map<String, Double> cost) implements DomainEvent {

    public VersionCompletedEvent {
        components = List.copyOf(components);
        metrics = Map.copyOf(metrics);
        cost = Map.copyOf(cost);
    }
}
