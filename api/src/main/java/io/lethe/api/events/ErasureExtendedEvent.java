package io.lethe.api.events;

import java.time.Instant;

/** The deadline was extended (at most two more months in all, Art. 12(3)), with the reason and the notice sent. */
public record ErasureExtendedEvent(String erasureId, String subjectPseudonym, Instant dueAt, String reason,
                                   String notice) implements DomainEvent {
}
