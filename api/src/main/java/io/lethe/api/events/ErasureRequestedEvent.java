package io.lethe.api.events;

import java.time.Instant;
import java.util.List;

/**
 * A GDPR erasure of one data subject started. The clock runs from {@code receivedAt}; {@code dueAt}
 * is one month later (Art. 12(3)). {@code modelIds} are the models asked to forget the subject.
 */
public record ErasureRequestedEvent(String erasureId, String subjectPseudonym, String requestedBy,
                                    Instant receivedAt, Instant dueAt, List<String> modelIds) implements DomainEvent {

    public ErasureRequestedEvent {
        modelIds = List.copyOf(modelIds);
    }
}
