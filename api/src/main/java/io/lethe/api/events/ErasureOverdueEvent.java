package io.lethe.api.events;

import java.time.Instant;

/** The erasure's deadline passed before it completed; it carries on, marked overdue. */
public record ErasureOverdueEvent(String erasureId, String subjectPseudonym, Instant dueAt) implements DomainEvent {
}
