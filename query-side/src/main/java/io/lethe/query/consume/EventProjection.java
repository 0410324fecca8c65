package io.lethe.query.consume;

import io.lethe.api.events.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One read model fed from {@code lethe.events}; called inside the transaction that records the event id. */
public interface EventProjection {

    void apply(EventEnvelope event, Connection connection) throws SQLException;

    /**
     * A batch of new events, in order, in one transaction. Projections write only their own tables, so
     * running them one after the other over a batch gives the same tables as event by event.
     */
    default void applyAll(List<EventEnvelope> events, Connection connection) throws SQLException {
        for (EventEnvelope event : events) {
            apply(event, connection);
        }
    }
}
