package io.lethe.app.verify;

import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.StoredEvent;
import io.lethe.verifier.Rfc6962;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
     * @param index     the leaf index the publisher assigned
     * @param eventId   the event id the publisher recorded
     * @param envelope  the envelope recomputed from the stored row; {@code null} when it is missing or unreadable
     * @param payload   the envelope's data read back as its record, for the event types the replay reads
     *                  ({@code null} for the others, and when unreadable)
     * @param leafInput the envelope's leaf input, {@code null} without an envelope
     * @param leafHash  its RFC 6962 leaf hash, {@code null} without an envelope
     * @param problem   why there is no envelope, or (with an envelope) why its payload could not be read; else
     *                  {@code null}
     */
    record Row(long index, String eventId, EventEnvelope envelope, DomainEvent payload, byte[] leafInput,
               byte[] leafHash, String problem) {
    }

    /** The stored columns of one row, read on the cursor's thread; turning them into a leaf can run elsewhere. */
    record RawRow(long index, String eventId, String payloadType, String aggregateType, String aggregateId,
                  long sequence, String timestamp, byte[] payload) {

        /**
         * Recomputes the envelope and its leaf exactly as the publisher does, and reads the payload back when its
         * type is one of {@code payloadsRead} (CPU only, thread-safe).
         */
        Row toRow(Set<String> payloadsRead) {
            if (payload == null) {
                return new Row(index, eventId, null, null, null, null,
                        "the event is missing from events.domainevententry");
            }
            EventEnvelope envelope;
            byte[] input;
            try {
                envelope = StoredEvent.fromRow(eventId, payloadType, aggregateType, aggregateId, sequence, timestamp,
                        payload).envelope(index);
                input = envelope.leafInput();
            } catch (IllegalArgumentException e) {
                return new Row(index, eventId, null, null, null, null,
                        "the stored event is unreadable: " + e.getMessage());
            }
            byte[] hash = Rfc6962.leafHash(input);
            if (!payloadsRead.contains(envelope.eventType())) {
                return new Row(index, eventId, envelope, null, input, hash, null);
            }
            try {
                return new Row(index, eventId, envelope, envelope.payload().orElseThrow(), input, hash, null);
            } catch (IllegalArgumentException e) {
                return new Row(index, eventId, envelope, null, input, hash,
                        "its data does not read as a " + envelope.eventType() + ": " + e.getMessage());
            }
        }
    }

    private final StreamingQuery query;
    private final ResultSet rows;
    private long eventsFound;
    private boolean exhausted;

    EventStoreCursor(Connection connection, int fetchSize) throws SQLException {
        query = new StreamingQuery(connection, SQL, fetchSize);
        rows = query.rows();
    }

    /** @return up to {@code max} next rows, empty at the end */
    List<RawRow> next(int max) throws SQLException {
        List<RawRow> batch = new ArrayList<>(max);
        while (batch.size() < max && !exhausted) {
            if (!rows.next()) {
                exhausted = true;
                break;
            }
            RawRow row = new RawRow(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                    rows.getString(5), rows.getLong(6), rows.getString(7), rows.getBytes(8));
            eventsFound += row.payload() == null ? 0 : 1;
            batch.add(row);
        }
        return batch;
    }

    /** @return whether every row of the publication log has been read */
    boolean exhausted() {
        return exhausted;
    }

    /** @return how many of the rows read so far name an event that the event store holds */
    long eventsFound() {
        return eventsFound;
    }

    @Override
    public void close() throws SQLException {
        query.close();
    }
}
