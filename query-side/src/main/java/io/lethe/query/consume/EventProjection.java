package io.lethe.query.consume;

import io.lethe.api.events.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;

/** One read model fed from {@code lethe.events}; called inside the transaction that records the event id. */
public interface EventProjection {

    void apply(EventEnvelope event, Connection connection) throws SQLException;
}
