package io.lethe.command.publish;

import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Gives each published event the next dense leaf index of the transparency log. Runs in the
 * publisher's transaction, which also stores its tracking token: a batch that is retried after a
 * crash finds its events' indexes already assigned and reuses them.
 */
final class PublicationLog {

    /**
     * One round trip: a new event gets the next index; a re-published one gets its index back (no-op
     * update). The global index is read from the event store itself: a tracking token's position is
     * not the event's own index when the event fills a gap (it reports the highest index seen).
     */
    private static final String ASSIGN = "INSERT INTO events.publication_log (leaf_index, event_id, global_index)"
            + " SELECT COALESCE(MAX(leaf_index) + 1, 0), ?, (SELECT globalindex FROM events.domainevententry"
            + " WHERE eventidentifier = ?) FROM events.publication_log"
            + " ON CONFLICT (event_id) DO UPDATE SET event_id = EXCLUDED.event_id RETURNING leaf_index";

    private final ConnectionProvider connections;

    PublicationLog(ConnectionProvider connections) {
        this.connections = connections;
    }

    long leafIndexOf(String eventId) {
        try (Connection c = connections.getConnection(); PreparedStatement assign = c.prepareStatement(ASSIGN)) {
            assign.setString(1, eventId);
            assign.setString(2, eventId);
            try (ResultSet rs = assign.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot assign a leaf index to event " + eventId, e);
        }
    }
}
