package io.lethe.command.publish;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * One round trip for a batch: new events get the next indexes in the order given; re-published ones
     * get theirs back (the final SELECT reads the table as it was before the insert, so the two branches
     * never overlap). The global index is read from the event store itself: a tracking token's position
     * is not the event's own index when the event fills a gap (it reports the highest index seen).
     */
    private static final String ASSIGN = "WITH input AS (SELECT id, ord FROM unnest(?::varchar[]) WITH ORDINALITY"
            + " AS t(id, ord)),"
            + " fresh AS (SELECT i.id, i.ord FROM input i WHERE NOT EXISTS"
            + " (SELECT 1 FROM events.publication_log p WHERE p.event_id = i.id)),"
            + " base AS (SELECT COALESCE(MAX(leaf_index) + 1, 0) AS next FROM events.publication_log),"
            + " created AS (INSERT INTO events.publication_log (leaf_index, event_id, global_index)"
            + " SELECT base.next + row_number() OVER (ORDER BY f.ord) - 1, f.id,"
            + " (SELECT globalindex FROM events.domainevententry WHERE eventidentifier = f.id)"
            + " FROM fresh f CROSS JOIN base RETURNING event_id, leaf_index)"
            + " SELECT event_id, leaf_index FROM created UNION ALL"
            + " SELECT p.event_id, p.leaf_index FROM events.publication_log p JOIN input i ON p.event_id = i.id";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    PublicationLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long leafIndexOf(String eventId) {
        return leafIndexesOf(List.of(eventId)).get(eventId);
    }

    /** @param eventIds in publication order */
    Map<String, Long> leafIndexesOf(List<String> eventIds) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection(); PreparedStatement assign = c.prepareStatement(ASSIGN)) {
                c.setAutoCommit(true);
                assign.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
                Map<String, Long> indexes = new HashMap<>();
                try (ResultSet rs = assign.executeQuery()) {
                    while (rs.next()) {
                        indexes.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return indexes;
            } catch (SQLException e) {
                // Another publisher instance took the same next indexes at the same moment: take the next ones.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot assign leaf indexes to " + eventIds.size() + " events", e);
                }
            }
        }
    }
}
