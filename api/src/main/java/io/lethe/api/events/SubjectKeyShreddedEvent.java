package io.lethe.api.events;

/** The subject's vault key was destroyed: its sealed records are unreadable from now on. */
public record SubjectKeyShreddedEvent(String erasureId, String subjectPseudonym) implements DomainEvent {
}
