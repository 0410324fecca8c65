package io.lethe.api.events;

/** The erasure could not be carried out (e.g. a model's forget job failed); the reason says why. */
public record ErasureFailedEvent(String erasureId, String subjectPseudonym, String reason) implements DomainEvent {
}
