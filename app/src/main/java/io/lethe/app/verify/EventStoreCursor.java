package io.lethe.app.verify;

import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.StoredEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the event store in leaf order: every row of {@code events.publication_log} with the event it names. An
 * event row that vanished (deleted) is still listed, by its leaf index and id, with no envelope.
 */
final class EventStoreCursor implements AutoCloseable {

    private static final String SQL = "SELECT p.leaf_index, p.event_id, d.payloadtype, d.type, d.aggregateidentifier,"
            + " d.sequencenumber, d.timestamp, d.payload FROM events.publication_log p"
            + " LEFT JOIN events.domainevententry d ON d.eventidentifier = p.event_id ORDER BY p.leaf_index";

    /**
     * One leaf of the replay.
     *
     * @param index    the leaf index the publisher assigned
     * @param eventId  the event id the publisher recorded
     * @param envelope the envelope recomputed from the stored row; {@code null} when it is missing or unreadable
     * @param problem  why there is no envelope, else {@code null}
     */
    record Row(long index, String eventId, EventEnvelope envelope, String problem) {
    }

    private final PreparedStatement statement;
    private final ResultSet rows;

    EventStoreCursor(Connection connection, int fetchSize) throws SQLException {
        statement = connection.prepareStatement(SQL);
        // A cursor, not the whole table in memory (needs autocommit off, which the verifier ensures).
        statement.setFetchSize(fetchSize);
        rows = statement.executeQuery();
    }

    /** @return the next leaf, or {@code null} at the end */
    Row next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        long index = rows.getLong(1);
        String eventId = rows.getString(2);
        byte[] payload = rows.getBytes(8);
        if (payload == null) {
            return new Row(index, eventId, null, "the event is missing from events.domainevententry");
        }
        try {
            StoredEvent stored = StoredEvent.fromRow(eventId, rows.getString(3), rows.getString(4), rows.getString(5),
                    rows.getLong(6), rows.getString(7), payload);
            return new Row(index, eventId, stored.envelope(index), null);
        } catch (IllegalArgumentException e) {
            return new Row(index, eventId, null, "the stored event is unreadable: " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        rows.close();
        statement.close();
    }
}
