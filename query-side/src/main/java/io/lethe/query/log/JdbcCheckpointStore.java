package io.lethe.query.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** A {@link CheckpointStore} on {@code query.log_checkpoints}, inside the caller's connection. */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final String COLUMNS = "SELECT tree_size, root_hash, note, created_at FROM query.log_checkpoints ";

    private final Connection connection;

    /** @param connection the caller's connection */
    public JdbcCheckpointStore(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<StoredCheckpoint> latest() {
        return query(COLUMNS + "ORDER BY tree_size DESC LIMIT 1", null);
    }

    @Override
    public Optional<StoredCheckpoint> at(long treeSize) {
        return query(COLUMNS + "WHERE tree_size = ?", treeSize);
    }

    @Override
    public void save(StoredCheckpoint checkpoint) {
        Sql.run("store a checkpoint", () -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO query.log_checkpoints "
                    + "(tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING")) {
                statement.setLong(1, checkpoint.treeSize());
                statement.setBytes(2, checkpoint.rootHash());
                statement.setString(3, checkpoint.note());
                statement.setTimestamp(4, Timestamp.from(checkpoint.createdAt()));
                return statement.executeUpdate();
            }
        });
    }

    private Optional<StoredCheckpoint> query(String sql, Long treeSize) {
        return Sql.run("read checkpoints", () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (treeSize != null) {
                    statement.setLong(1, treeSize);
                }
                return first(statement);
            }
        });
    }

    private static Optional<StoredCheckpoint> first(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredCheckpoint(rows.getLong(1), rows.getBytes(2), rows.getString(3),
                    rows.getTimestamp(4).toInstant()));
        }
    }
}
