package io.lethe.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.query.log.TransparencyLog;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.bundle.AuditBundleWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lethe audit export}: writes the offline audit bundle ({@link io.lethe.verifier.bundle.AuditBundle}) from
 * the query side's tables, in one REPEATABLE READ snapshot so its checkpoints, leaves and versions agree. Only the
 * leaves the latest signed checkpoint covers are written: a leaf no signature covers proves nothing offline.
 * Nothing personal is written: leaves name records and subjects by keyed commitments only (DESIGN.md §2.3).
 */
public final class AuditExport {

    /** What was written. */
    public record Counts(int keys, int checkpoints, boolean cosigned, long leaves, int versions, int certificates) {
    }

    private static final int FETCH = 5000;
    private static final String VERSION_COMPLETED = DomainEvent.cloudEventType(VersionCompletedEvent.class);

    private AuditExport() {
    }

    public static Counts export(Connection connection, String origin, OutputStream out) throws SQLException, IOException {
        return export(connection, origin, Optional.empty(), out);
    }

    /**
     * @param servedNote the latest checkpoint with its witnesses' cosignatures, as {@code GET /checkpoint} served it
     *                   before the snapshot began (so the snapshot holds its checkpoint); empty: the largest
     *                   checkpoint the database holds cosignatures of, read in the same snapshot
     */
    public static Counts export(Connection connection, String origin, Optional<String> servedNote, OutputStream out)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (AuditBundleWriter bundle = new AuditBundleWriter(out, origin)) {
            int keys = keys(connection, origin, bundle);
            long covered = latestCheckpointSize(connection);
            int checkpoints = checkpoints(connection, bundle);
            Optional<String> cosignedNote = servedNote.isPresent() ? servedNote
                    : TransparencyLog.latestCosignedNote(connection);
            if (cosignedNote.isPresent()) {
                bundle.cosigned(treeSizeOf(cosignedNote.get()), cosignedNote.get());
            }
            Set<String> logged = new HashSet<>();
            long leaves = leaves(connection, covered, bundle, logged);
            int versions = versions(connection, bundle, logged);
            int certificates = certificates(connection, bundle);
            return new Counts(keys, checkpoints, cosignedNote.isPresent(), leaves, versions, certificates);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int keys(Connection connection, String origin, AuditBundleWriter bundle) throws SQLException {
        int written = 0;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT public_key FROM query.log_keys WHERE key_name = ? ORDER BY first_used_at, key_id")) {
            s.setString(1, origin);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    bundle.key(new NoteVerifier(origin, rows.getBytes(1)));
                    written++;
                }
            }
        }
        return written;
    }

    private static long treeSizeOf(String note) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.parse(note).body()).treeSize();
        } catch (VerificationException e) {
            throw new IOException("the served checkpoint is not a signed checkpoint: " + e.getMessage(), e);
        }
    }

    private static long latestCheckpointSize(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT coalesce(max(tree_size), 0) FROM query.log_checkpoints");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int checkpoints(Connection connection, AuditBundleWriter bundle) throws SQLException {
        int written = 0;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT tree_size, note FROM query.log_checkpoints ORDER BY tree_size");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                bundle.checkpoint(rows.getLong(1), rows.getString(2));
                written++;
            }
        }
        return written;
    }

    /** Writes the covered leaves; collects the versions they complete into {@code completed}. */
    private static long leaves(Connection connection, long covered, AuditBundleWriter bundle, Set<String> completed)
            throws SQLException, IOException {
        long written = 0;
        try (PreparedStatement s = connection.prepareStatement("SELECT leaf_index, leaf_input, event_type"
                + " FROM query.log_leaves WHERE leaf_index < ? ORDER BY leaf_index")) {
            s.setFetchSize(FETCH);
            s.setLong(1, covered);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    bundle.leaf(rows.getLong(1), rows.getBytes(2));
                    if (VERSION_COMPLETED.equals(rows.getString(3))) {
                        JsonNode data = Json.mapper().readTree(rows.getBytes(2)).path("data");
                        completed.add(data.path("modelId").asText() + "@" + data.path("version").asInt());
                    }
                    written++;
                }
            }
        }
        return written;
    }

    /**
     * The completed versions whose completion the covered leaves hold: a version completed after the latest
     * checkpoint is left for the next export, since nothing signed covers it yet.
     */
    private static int versions(Connection connection, AuditBundleWriter bundle, Set<String> logged)
            throws SQLException {
        int written = 0;
        try (PreparedStatement s = connection.prepareStatement("SELECT model_id, version, digest, lineage_root,"
                + " lineage_size FROM query.model_versions WHERE status = 'COMPLETED' ORDER BY model_id, version");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                if (logged.contains(rows.getString(1) + "@" + rows.getInt(2))) {
                    bundle.version(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                            rows.getInt(5));
                    written++;
                }
            }
        }
        return written;
    }

    private static int certificates(Connection connection, AuditBundleWriter bundle) throws SQLException, IOException {
        int written = 0;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT erasure_id, certificate::text FROM query.certificates ORDER BY erasure_id");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                JsonNode signed = Json.mapper().readTree(rows.getString(2));
                bundle.certificate(rows.getString(1), signed);
                written++;
            }
        }
        return written;
    }
}
