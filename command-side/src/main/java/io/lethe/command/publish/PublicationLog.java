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

    private static final String ASSIGN = "INSERT INTO events.publication_log (leaf_index, event_id, global_index)"
            + " SELECT COALESCE(MAX(leaf_index) + 1, 0), ?, ? FROM events.publication_log"
            + " ON CONFLICT (event_id) DO NOTHING";
    private static final String FIND = "SELECT leaf_index FROM events.publication_log WHERE event_id = ?";

    private final ConnectionProvider connections;

    PublicationLog(ConnectionProvider connections) {
        this.connections = connections;
    }

    long leafIndexOf(String eventId, long globalIndex) {
        try (Connection c = connections.getConnection()) {
            try (PreparedStatement assign = c.prepareStatement(ASSIGN)) {
                assign.setString(1, eventId);
                assign.setLong(2, globalIndex);
                assign.executeUpdate();
            }
            try (PreparedStatement find = c.prepareStatement(FIND)) {
                find.setString(1, eventId);
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot assign a leaf index to event " + eventId, e);
        }
    }
}
