package io.lethe.app.verify;

import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.ModelRegisteredEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fresh in-memory replay of the {@code query.models} read model, compared row by row with the stored table.
 * Only rows the query side must already have are required: a model whose event is beyond the stored log's size
 * may still be in flight.
 */
final class ModelReplay {

    /** One model row as the projection writes it. */
    record ModelRow(String task, String preset, Instant registeredAt, long leafIndex) {
    }

    /** The event type whose payload {@link #apply} reads. */
    static final String READS = DomainEvent.cloudEventType(ModelRegisteredEvent.class);

    // Leaf order, so missing rows are reported first-leaf first.
    private final Map<String, ModelRow> replayed = new LinkedHashMap<>();

    /** @param payload the event's data read back as its record, or {@code null} if not of type {@link #READS} */
    void apply(EventEnvelope event, DomainEvent payload) {
        if (payload instanceof ModelRegisteredEvent registered) {
            // First registration wins, as the projection's ON CONFLICT DO NOTHING does.
            replayed.putIfAbsent(registered.modelId().value(), new ModelRow(registered.task().wireName(),
                    registered.preset(), event.timestamp(), event.transparencyIndex()));
        }
    }

    /** @return how many stored rows were compared */
    int compare(Connection connection, long storedLogSize, Failures failures) throws SQLException {
        Map<String, ModelRow> stored = stored(connection);
        stored.forEach((id, row) -> {
            ModelRow expected = replayed.get(id);
            if (expected == null) {
                failures.add("query.models has model " + id + " but no event in the event store registers it");
            } else if (!expected.task().equals(row.task()) || !Objects.equals(expected.preset(), row.preset())
                    || !expected.registeredAt().equals(row.registeredAt())) {
                failures.add("query.models row " + id + " differs from the replay of leaf " + expected.leafIndex()
                        + ": stored " + row + ", replayed " + expected);
            }
        });
        replayed.forEach((id, expected) -> {
            if (!stored.containsKey(id) && expected.leafIndex() < storedLogSize) {
                failures.add("query.models lacks model " + id + " registered at leaf " + expected.leafIndex());
            }
        });
        return stored.size();
    }

    private static Map<String, ModelRow> stored(Connection connection) throws SQLException {
        Map<String, ModelRow> rows = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT model_id, task, preset, registered_at FROM query.models");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.put(r.getString(1), new ModelRow(r.getString(2), r.getString(3),
                        r.getTimestamp(4).toInstant(), -1));
            }
        }
        return rows;
    }
}
