package io.lethe.api.events;

/** The version that forgot the subject is now deployed in the model. */
public record ErasureModelDeployedEvent(String erasureId, String subjectPseudonym, String modelId, int version)
        implements DomainEvent {
}
