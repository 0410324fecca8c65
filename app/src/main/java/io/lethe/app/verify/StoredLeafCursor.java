package io.lethe.app.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the query side's stored log leaves ({@code query.log_leaves}) in index order. */
final class StoredLeafCursor implements AutoCloseable {

    /** A stored leaf. */
    record Leaf(long index, byte[] leafInput, byte[] leafHash, String eventId) {
    }

    private final StreamingQuery query;
    private final ResultSet rows;

    StoredLeafCursor(Connection connection, int fetchSize) throws SQLException {
        query = new StreamingQuery(connection,
                "SELECT leaf_index, leaf_input, leaf_hash, event_id FROM query.log_leaves ORDER BY leaf_index", fetchSize);
        rows = query.rows();
    }

    /** @return the next stored leaf, or {@code null} at the end */
    Leaf next() throws SQLException {
        return rows.next() ? new Leaf(rows.getLong(1), rows.getBytes(2), rows.getBytes(3),
                rows.getString(4)) : null;
    }

    @Override
    public void close() throws SQLException {
        query.close();
    }
}
