package io.lethe.command.publish;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Gives each published event the next dense leaf index of the transparency log, and makes it
 * permanent before the event leaves for Kafka.
 *
 * <p>Why its own committed statement, outside the publisher's batch transaction: a batch can roll
 * back after some of its events were already sent (a failed send, a shutdown in the middle). Had the
 * index been assigned in that transaction, the retry could give the same event another index, and
 * consumers would see one event at two leaves. Committed first, an event keeps its index for ever:
 * a retry finds it (ON CONFLICT) and sends the same envelope again.
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
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    PublicationLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long leafIndexOf(String eventId) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection(); PreparedStatement assign = c.prepareStatement(ASSIGN)) {
                c.setAutoCommit(true);
                assign.setString(1, eventId);
                assign.setString(2, eventId);
                try (ResultSet rs = assign.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                // Another publisher instance took the same next index at the same moment: take the next one.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot assign a leaf index to event " + eventId, e);
                }
            }
        }
    }
}
