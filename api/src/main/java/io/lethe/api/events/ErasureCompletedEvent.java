package io.lethe.api.events;

import java.time.Instant;

/** Every model forgot the subject (or never saw it), the new versions are deployed, the key is shredded. */
public record ErasureCompletedEvent(String erasureId, String subjectPseudonym, Instant completedAt)
        implements DomainEvent {
}
