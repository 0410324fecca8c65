package io.lethe.command.model;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

import java.util.List;
import java.util.function.Consumer;

/** Lets aggregate tests state AssertJ expectations on the published event payloads. */
final class EventsSatisfy extends BaseMatcher<List<EventMessage<?>>> {

    private final Consumer<List<Object>> assertions;
    private AssertionError failure;

    private EventsSatisfy(Consumer<List<Object>> assertions) {
        this.assertions = assertions;
    }

    static Matcher<List<EventMessage<?>>> eventsSatisfy(Consumer<List<Object>> assertions) {
        return new EventsSatisfy(assertions);
    }

    @Override
    public boolean matches(Object actual) {
        @SuppressWarnings("unchecked")
        List<Object> payloads = ((List<EventMessage<?>>) actual).stream().map(m -> (Object) m.getPayload()).toList();
        try {
            assertions.accept(payloads);
            return true;
        } catch (AssertionError e) {
            failure = e;
            return false;
        }
    }

    @Override
    public void describeTo(Description description) {
        description.appendText(failure == null ? "events satisfying the assertions" : failure.getMessage());
    }
}
