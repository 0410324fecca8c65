package io.lethe.query.models;

import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.query.consume.EventProjection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** The {@code query.models} read model. */
public final class ModelProjection implements EventProjection {

    @Override
    public void apply(EventEnvelope event, Connection connection) throws SQLException {
        var payload = event.payload().orElse(null);
        if (payload instanceof ModelRegisteredEvent registered) {
            insert(connection, registered, event);
        }
    }

    private static void insert(Connection connection, ModelRegisteredEvent e, EventEnvelope event) throws SQLException {
        String sql = "INSERT INTO query.models (model_id, task, preset, registered_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (model_id) DO NOTHING";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, e.modelId().value());
            s.setString(2, e.task().wireName());
            s.setString(3, e.preset());
            s.setTimestamp(4, Timestamp.from(event.timestamp()));
            s.executeUpdate();
        }
    }
}
