package io.lethe.worker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.api.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Schema {@code worker}: a job's run, the snapshot and the components it produced are written in one
 * transaction, so a job is either entirely done (and answered from here when redelivered) or not at all.
 */
public final class WorkerStore {

    private final DataSource dataSource;

    public WorkerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The recorded run of a job, if it finished before. */
    public Optional<JobRun> findRun(String jobId) throws SQLException {
        String sql = "SELECT job_id, model_id, job_type, version, base_version, status, result::text, worker_id, "
                + "wall_millis FROM worker.job_runs WHERE job_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new JobRun(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9)))
                        : Optional.empty();
            }
        }
    }

    /** The device snapshot of a model version, if a worker produced it. */
    public Optional<byte[]> snapshot(String modelId, int version) throws SQLException {
        return snapshotColumn("snapshot", modelId, version, rs -> rs.getBytes(1));
    }

    /** The accelerator preset a model version was produced on, if a worker produced it. */
    public Optional<String> preset(String modelId, int version) throws SQLException {
        return snapshotColumn("preset", modelId, version, rs -> rs.getString(1));
    }

    /** Reads the first column of a {@link ResultSet} row. */
    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> snapshotColumn(String column, String modelId, int version, Column<T> value)
            throws SQLException {
        String sql = "SELECT " + column + " FROM worker.model_snapshots WHERE model_id = ? AND version = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, modelId);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(value.read(rs)) : Optional.empty();
            }
        }
    }

    /** The stored components of a model version (empty if unknown). */
    public List<StoredComponent> components(String modelId, int version) throws SQLException {
        return ComponentRows.select(dataSource, modelId, version);
    }

    /** What is deployed on the model's device now. */
    public DeployedSet deployed(String modelId) throws SQLException {
        String sql = "SELECT deployed_version, resident::text FROM worker.devices WHERE model_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, modelId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new DeployedSet(rs.getInt(1), readMap(rs.getString(2))) : DeployedSet.none();
            }
        }
    }

    /**
     * Records a job that produced a model version. Returns false (and writes nothing) if the job was
     * recorded before, e.g. by another worker that ran it concurrently after a rebalance.
     */
    public boolean saveProduced(JobRun run, String task, String preset, byte[] snapshot,
                                List<StoredComponent> components) throws SQLException {
        return inTransaction(c -> {
            if (!insertRun(c, run)) {
                return false;
            }
            insertSnapshot(c, run, task, preset, snapshot);
            ComponentRows.insert(c, run.modelId(), run.version(), components);
            return true;
        });
    }

    /** Records a DEPLOY and the branch set now on the device; false if recorded before. */
    public boolean saveDeployed(JobRun run, DeployedSet deployed) throws SQLException {
        return inTransaction(c -> {
            if (!insertRun(c, run)) {
                return false;
            }
            String sql = "INSERT INTO worker.devices (model_id, deployed_version, resident, updated_by_job) "
                    + "VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (model_id) DO UPDATE SET deployed_version = "
                    + "EXCLUDED.deployed_version, resident = EXCLUDED.resident, updated_by_job = "
                    + "EXCLUDED.updated_by_job, updated_at = now()";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, run.modelId());
                s.setInt(2, deployed.version());
                s.setString(3, Json.mapper().writeValueAsString(deployed.resident()));
                s.setString(4, run.jobId());
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Records a job that failed for a reason that would fail it again; false if recorded before. */
    public boolean saveFailed(JobRun run) throws SQLException {
        return inTransaction(c -> insertRun(c, run));
    }

    private static boolean insertRun(Connection c, JobRun run) throws SQLException {
        String sql = "INSERT INTO worker.job_runs (job_id, model_id, job_type, version, base_version, status, result, "
                + "worker_id, wall_millis) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (job_id) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, run.jobId());
            s.setString(2, run.modelId());
            s.setString(3, run.jobType());
            s.setInt(4, run.version());
            s.setInt(5, run.baseVersion());
            s.setString(6, run.status());
            s.setString(7, run.result());
            s.setString(8, run.workerId());
            s.setLong(9, run.wallMillis());
            return s.executeUpdate() == 1;
        }
    }

    private static void insertSnapshot(Connection c, JobRun run, String task, String preset, byte[] snapshot)
            throws SQLException {
        String sql = "INSERT INTO worker.model_snapshots (model_id, version, job_id, task, preset, snapshot, "
                + "snapshot_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, run.modelId());
            s.setInt(2, run.version());
            s.setString(3, run.jobId());
            s.setString(4, task);
            s.setString(5, preset);
            s.setBytes(6, snapshot);
            s.setString(7, sha256(snapshot));
            s.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, JsonProcessingException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static Map<String, String> readMap(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("worker.devices.resident is not a JSON object", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(java.sql.Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add((String) o);
        }
        return out;
    }
}
