package io.lethe.app.verify;

import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A query read through a server-side cursor, {@code fetchSize} rows per round trip (PgJDBC needs auto-commit off
 * for that, which the verifier ensures), in PostgreSQL's binary format where the driver has one (BYTEA, BIGINT).
 * Binary BYTEA is what makes the replay's reads cheap: as text, every payload and leaf is hex-encoded by the
 * server and decoded again by the driver, which cost more than reading the rows themselves.
 */
final class StreamingQuery implements AutoCloseable {

    private final PreparedStatement statement;
    private final ResultSet rows;

    StreamingQuery(Connection connection, String sql, int fetchSize) throws SQLException {
        statement = connection.prepareStatement(sql);
        statement.setFetchSize(fetchSize);
        if (statement.isWrapperFor(PGStatement.class)) {
            // A negative threshold is PgJDBC's switch for binary results from the first execution; by default a
            // statement only gets them once it has been run prepareThreshold (5) times.
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
        rows = statement.executeQuery();
    }

    /** @return the open result set, positioned before the next row */
    ResultSet rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            rows.close();
        }
    }
}
