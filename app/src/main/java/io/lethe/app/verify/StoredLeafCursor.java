package io.lethe.app.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the query side's stored log leaves ({@code query.log_leaves}) in index order. */
final class StoredLeafCursor implements AutoCloseable {

    /** A stored leaf. */
    record Leaf(long index, byte[] leafInput, String eventId) {
    }

    private final PreparedStatement statement;
    private final ResultSet rows;

    StoredLeafCursor(Connection connection, int fetchSize) throws SQLException {
        statement = connection.prepareStatement(
                "SELECT leaf_index, leaf_input, event_id FROM query.log_leaves ORDER BY leaf_index");
        statement.setFetchSize(fetchSize);
        rows = statement.executeQuery();
    }

    /** @return the next stored leaf, or {@code null} at the end */
    Leaf next() throws SQLException {
        return rows.next() ? new Leaf(rows.getLong(1), rows.getBytes(2), rows.getString(3)) : null;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
        statement.close();
    }
}
