package io.lethe.query.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link NodeStore} on PostgreSQL tables {@code query.log_leaves} and {@code query.log_nodes}, working inside a
 * caller-supplied connection so that a projection can append to the log in the same transaction as its
 * deduplication insert: the event is in the log if and only if it was processed. Cheap to create per transaction.
 */
public final class JdbcNodeStore implements NodeStore {

    /** Key of the transaction-scoped advisory lock that serialises appenders (arbitrary, fixed: "LETHELOG"). */
    static final long APPEND_LOCK_KEY = 0x4c4554_48454c4fL;

    /** The log's size: one past its largest leaf index. */
    static final String SIZE = "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM query.log_leaves";
    private static final String READ = """
            SELECT 0, leaf_index, leaf_hash FROM query.log_leaves WHERE leaf_index = ANY(?)
            UNION ALL
            SELECT n.level, n.node_index, n.hash FROM query.log_nodes n
              JOIN unnest(?::int[], ?::bigint[]) AS k(level, node_index)
                ON n.level = k.level AND n.node_index = k.node_index""";
    private static final String INSERT_LEAF = "INSERT INTO query.log_leaves "
            + "(leaf_index, leaf_input, leaf_hash, event_id, event_type) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_NODE = "INSERT INTO query.log_nodes (level, node_index, hash) VALUES (?, ?, ?)";
    private static final String ENTRIES = "SELECT leaf_index, leaf_input, leaf_hash, event_id, event_type "
            + "FROM query.log_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index";
    private static final String BY_EVENT = "SELECT leaf_index, leaf_input, leaf_hash, event_id, event_type "
            + "FROM query.log_leaves WHERE event_id = ?";

    private final Connection connection;

    /** @param connection the caller's connection; its transaction decides whether appends commit */
    public JdbcNodeStore(Connection connection) {
        this.connection = connection;
    }

    @Override
    public long size() {
        return Sql.run("read the log size", () -> {
            try (PreparedStatement statement = connection.prepareStatement(SIZE);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Sql.run("read log nodes", () -> {
            try (PreparedStatement statement = connection.prepareStatement(READ)) {
                bindNodeIds(statement, ids);
                Map<NodeId, byte[]> out = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.put(new NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                    }
                }
                return out;
            }
        });
    }

    private void bindNodeIds(PreparedStatement statement, Collection<NodeId> ids) throws SQLException {
        List<Long> leaves = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        for (NodeId id : ids) {
            if (id.level() == 0) {
                leaves.add(id.index());
            } else {
                levels.add(id.level());
                indices.add(id.index());
            }
        }
        Array leafArray = connection.createArrayOf("bigint", leaves.toArray());
        Array levelArray = connection.createArrayOf("integer", levels.toArray());
        Array indexArray = connection.createArrayOf("bigint", indices.toArray());
        statement.setArray(1, leafArray);
        statement.setArray(2, levelArray);
        statement.setArray(3, indexArray);
    }

    @Override
    public void append(List<LeafEntry> leaves, List<StoredNode> nodes) {
        Sql.run("append to the log", () -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_LEAF)) {
                for (LeafEntry leaf : leaves) {
                    statement.setLong(1, leaf.index());
                    statement.setBytes(2, leaf.leafInput());
                    statement.setBytes(3, leaf.leafHash());
                    statement.setString(4, leaf.eventId());
                    statement.setString(5, leaf.eventType());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            try (PreparedStatement statement = connection.prepareStatement(INSERT_NODE)) {
                for (StoredNode node : nodes) {
                    statement.setInt(1, node.id().level());
                    statement.setLong(2, node.id().index());
                    statement.setBytes(3, node.hash());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<LeafEntry> entries(long start, long end) {
        return Sql.run("read log entries", () -> {
            try (PreparedStatement statement = connection.prepareStatement(ENTRIES)) {
                statement.setLong(1, start);
                statement.setLong(2, end);
                return readEntries(statement);
            }
        });
    }

    @Override
    public Optional<LeafEntry> entryByEventId(String eventId) {
        return Sql.run("find a log entry", () -> {
            try (PreparedStatement statement = connection.prepareStatement(BY_EVENT)) {
                statement.setString(1, eventId);
                return readEntries(statement).stream().findFirst();
            }
        });
    }

    private static List<LeafEntry> readEntries(PreparedStatement statement) throws SQLException {
        List<LeafEntry> out = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                out.add(new LeafEntry(rows.getLong(1), rows.getBytes(2), rows.getBytes(3), rows.getString(4),
                        rows.getString(5)));
            }
        }
        return out;
    }

    /**
     * Takes a transaction-scoped advisory lock, so concurrent appenders queue instead of colliding on an index.
     * On an auto-commit connection the work runs in its own transaction, because the lock would otherwise be
     * released before the inserts.
     */
    @Override
    public <T> T withAppendLock(Supplier<T> work) {
        return Sql.run("append to the log", () -> Sql.inTransaction(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                statement.setLong(1, APPEND_LOCK_KEY);
                statement.execute();
            }
            return work.get();
        }));
    }
}
