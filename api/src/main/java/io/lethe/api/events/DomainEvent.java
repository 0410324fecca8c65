package io.lethe.api.events;

/**
 * Marker for every domain event. Events never hold raw data or raw subject ids: records are named
 * by keyed commitments and subjects by pseudonyms.
 */
public interface DomainEvent {

    /** {@code lethe.<EventName>}: the class name without its {@code Event} suffix. */
    static String cloudEventType(Class<?> eventClass) {
        return cloudEventType(eventClass.getName());
    }

    /** {@code lethe.<EventName>} from a stored payload type: a Java class name, nested classes with {@code $}. */
    static String cloudEventType(String className) {
        String name = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        return "lethe." + (name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name);
    }
}
