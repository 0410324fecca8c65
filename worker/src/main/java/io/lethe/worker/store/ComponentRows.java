package io.lethe.worker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** SQL for {@code worker.components}. */
final class ComponentRows {

    private static final String COLUMNS = "component_id, kind, rank, seed, weights_digest, weights, sram_bytes, "
            + "commitments, forget_commitments, trained_by_job";

    private ComponentRows() {
    }

    static void insert(Connection c, String modelId, int version, List<StoredComponent> components)
            throws SQLException {
        String sql = "INSERT INTO worker.components (model_id, version, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (StoredComponent k : components) {
                s.setString(1, modelId);
                s.setInt(2, version);
                s.setString(3, k.componentId());
                s.setString(4, k.kind());
                s.setInt(5, k.rank());
                s.setLong(6, k.seed());
                s.setString(7, k.weightsDigest());
                s.setBytes(8, k.weights());
                s.setLong(9, k.sramBytes());
                s.setArray(10, c.createArrayOf("text", k.commitments().toArray()));
                s.setArray(11, c.createArrayOf("text", k.forgetCommitments().toArray()));
                s.setString(12, k.trainedByJob());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static List<StoredComponent> select(DataSource dataSource, String modelId, int version) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM worker.components WHERE model_id = ? AND version = ? "
                + "ORDER BY component_id";
        List<StoredComponent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, modelId);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredComponent(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                            rs.getString(5), rs.getBytes(6), rs.getLong(7), WorkerStore.strings(rs.getArray(8)),
                            WorkerStore.strings(rs.getArray(9)), rs.getString(10)));
                }
            }
        }
        return out;
    }
}
