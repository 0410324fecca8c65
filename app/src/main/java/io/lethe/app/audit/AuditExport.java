package io.lethe.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.verify.NoteVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes an {@link AuditBundle} from the ledger's database, in one repeatable-read snapshot so the parts agree.
 * Entries stop at the latest checkpoint's size, so every exported entry is covered by a signature.
 */
public final class AuditExport {

    private final ObjectMapper json = Json.mapper();
    private final Writer out;
    private long lines;

    private AuditExport(Writer out) {
        this.out = out;
    }

    /**
     * What was written.
     *
     * @param entries     log entries
     * @param checkpoints signed checkpoints
     * @param cosigned    whether a cosigned checkpoint was included
     * @param versions    completed versions
     * @param certificates erasure certificates
     */
    public record Summary(long entries, int checkpoints, boolean cosigned, int versions, int certificates) {
    }

    /**
     * @param db           the ledger's database (read only)
     * @param origin       the log's origin
     * @param cosignedNote the latest checkpoint with its cosignatures ({@code GET /checkpoint}), if reachable
     * @param progress     told of each entry written
     */
    public static Summary export(Connection db, String origin, Optional<String> cosignedNote, Writer out,
                                 Progress progress) throws SQLException, IOException {
        boolean autoCommit = db.getAutoCommit();
        int isolation = db.getTransactionIsolation();
        db.setAutoCommit(false);
        db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return new AuditExport(out).write(db, origin, cosignedNote, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            db.rollback();
            db.setTransactionIsolation(isolation);
            db.setAutoCommit(autoCommit);
        }
    }

    private Summary write(Connection db, String origin, Optional<String> cosignedNote, Progress progress)
            throws SQLException, IOException {
        long treeSize = single(db, "SELECT coalesce(max(tree_size), 0) FROM query.log_checkpoints");
        line(object("header").put("format", AuditBundle.FORMAT).put("origin", origin).put("treeSize", treeSize));
        each(db, "SELECT key_name, public_key FROM query.log_keys ORDER BY first_used_at, key_id", rows ->
                line(object("key").put("vkey", new NoteVerifier(rows.getString(1), rows.getBytes(2)).format())));
        int checkpoints = each(db, "SELECT note FROM query.log_checkpoints ORDER BY tree_size",
                rows -> line(object("checkpoint").put("note", rows.getString(1))));
        cosignedNote.ifPresent(note -> line(object("cosigned").put("note", note)));
        int versions = versions(db, treeSize);
        int certificates = each(db, "SELECT erasure_id, certificate::text FROM query.certificates ORDER BY erasure_id",
                rows -> line(object("certificate").put("erasureId", rows.getString(1))
                        .set("signed", parse(rows.getString(2)))));
        long entries = entries(db, treeSize, progress);
        progress.update("exporting entries", entries, treeSize);
        line(object("end").put("lines", lines));
        out.flush();
        return new Summary(entries, checkpoints, cosignedNote.isPresent(), versions, certificates);
    }

    /** The versions as the log records them (the VersionCompleted entries), not as a read model says. */
    private int versions(Connection db, long treeSize) throws SQLException {
        return each(db, "SELECT leaf_index, leaf_input FROM query.log_leaves WHERE event_type = '"
                + AuditBundle.VERSION_COMPLETED + "' AND leaf_index < " + treeSize + " ORDER BY leaf_index", rows -> {
                    JsonNode data = parse(new String(rows.getBytes(2), java.nio.charset.StandardCharsets.UTF_8))
                            .path("data");
                    line(object("version").put("modelId", data.path("modelId").asText())
                            .put("version", data.path("version").asInt()).put("digest", data.path("digest").asText())
                            .put("lineageRoot", data.path("lineageRoot").asText())
                            .put("leafIndex", rows.getLong(1)));
                });
    }

    private long entries(Connection db, long treeSize, Progress progress) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT leaf_index, leaf_input FROM query.log_leaves WHERE leaf_index < ? ORDER BY leaf_index")) {
            s.setLong(1, treeSize);
            s.setFetchSize(5000);
            long count = 0;
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    line(object("entry").put("index", rows.getLong(1))
                            .put("leafInput", Base64.getEncoder().encodeToString(rows.getBytes(2))));
                    if (++count % 1000 == 0) {
                        progress.update("exporting entries", count, treeSize);
                    }
                }
            }
            return count;
        }
    }

    @FunctionalInterface
    private interface Row {
        void write(ResultSet rows) throws SQLException;
    }

    private static int each(Connection db, String sql, Row row) throws SQLException {
        int count = 0;
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                row.write(rows);
                count++;
            }
        }
        return count;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ObjectNode object(String type) {
        return json.createObjectNode().put("type", type);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(ObjectNode node) {
        try {
            out.write(json.writeValueAsString(node));
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
