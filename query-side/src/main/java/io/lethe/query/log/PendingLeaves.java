package io.lethe.query.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code query.log_pending}: leaves consumed before their predecessors, waiting for the log to reach them. */
final class PendingLeaves {

    /** How many parked leaves one drain reads at a time; a drain loops until the run of indexes breaks. */
    private static final int BATCH = 1000;

    private PendingLeaves() {
    }

    /** A leaf to park at its index. */
    record Parked(long index, NewLeaf leaf) {
    }

    /** Parks a batch's early leaves in one JDBC batch (a round trip for all, not one each). */
    static void parkAll(Connection connection, List<Parked> leaves) throws SQLException {
        if (leaves.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO query.log_pending"
                + " (leaf_index, leaf_input, event_id, event_type) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Parked parked : leaves) {
                s.setLong(1, parked.index());
                s.setBytes(2, parked.leaf().leafInput());
                s.setString(3, parked.leaf().eventId());
                s.setString(4, parked.leaf().eventType());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** @return the parked leaves at {@code next, next + 1, ...} while the indexes are contiguous (at most BATCH) */
    static List<NewLeaf> contiguousFrom(Connection connection, long next) throws SQLException {
        List<NewLeaf> run = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT leaf_index, leaf_input, event_id, event_type"
                + " FROM query.log_pending WHERE leaf_index >= ? ORDER BY leaf_index LIMIT " + BATCH)) {
            s.setLong(1, next);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next() && rows.getLong(1) == next + run.size()) {
                    run.add(new NewLeaf(rows.getBytes(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        return run;
    }

    static void remove(Connection connection, long from, long to) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "DELETE FROM query.log_pending WHERE leaf_index >= ? AND leaf_index < ?")) {
            s.setLong(1, from);
            s.setLong(2, to);
            s.executeUpdate();
        }
    }
}
