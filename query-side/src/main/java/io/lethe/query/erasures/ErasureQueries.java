package io.lethe.query.erasures;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.api.Json;
import io.lethe.api.views.ErasureView;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the erasure queue. */
public final class ErasureQueries {

    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };
    /** A certificate is available once a signed checkpoint covers the completion event (it is issued on demand). */
    private static final String SELECT = "SELECT e.*, EXISTS (SELECT 1 FROM query.log_leaves l"
            + " JOIN query.log_checkpoints cp ON cp.tree_size > l.leaf_index"
            + " WHERE l.event_id = e.completion_event) AS certified FROM query.erasures e";

    private final DataSource dataSource;

    public ErasureQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Overdue first, then open ones by deadline, then finished ones, newest first. */
    public List<ErasureView> all() {
        String order = " ORDER BY CASE status WHEN 'OVERDUE' THEN 0 WHEN 'COMPLETED' THEN 2 WHEN 'FAILED' THEN 2"
                + " ELSE 1 END, CASE WHEN status IN ('COMPLETED', 'FAILED') THEN NULL ELSE due_at END,"
                + " received_at DESC LIMIT 500";
        return rows(SELECT + order);
    }

    /** An erasure by its id, or by the id of a request that joined it. */
    public Optional<ErasureView> find(String erasureId) {
        String sql = SELECT + " WHERE e.erasure_id = ? OR e.erasure_id = (SELECT erasure_id FROM"
                + " query.erasure_aliases WHERE alias_id = ?)";
        return rows(sql, erasureId, erasureId).stream().findFirst();
    }

    /** The open erasure of a subject, if any (a new request joins it). */
    public Optional<String> openErasureOf(String subjectPseudonym) {
        return rows(SELECT + " WHERE e.subject_pseudonym = ? AND e.status NOT IN ('COMPLETED', 'FAILED')",
                subjectPseudonym).stream().map(ErasureView::erasureId).findFirst();
    }

    /** The id of the event that completed the erasure, once it completed. */
    public Optional<String> completionEvent(String erasureId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT completion_event FROM query.erasures WHERE erasure_id = ? AND status = 'COMPLETED'")) {
            s.setString(1, erasureId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read erasure " + erasureId, e);
        }
    }

    private List<ErasureView> rows(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<ErasureView> views = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    views.add(view(c, rs));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read erasures", e);
        }
    }

    private static ErasureView view(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("erasure_id");
        String reason = rs.getString("extension_reason");
        ErasureView.Extension extension = reason == null ? null
                : new ErasureView.Extension(instant(rs, "due_at"), reason, rs.getString("extension_notice"));
        return new ErasureView(id, rs.getString("subject_pseudonym"), rs.getString("status"),
                instant(rs, "received_at"), instant(rs, "due_at"), rs.getString("requested_by"), extension,
                instant(rs, "completed_at"), rs.getString("failure_reason"), rs.getBoolean("certified"), models(c, id));
    }

    private static List<ErasureView.ModelErasure> models(Connection c, String erasureId) throws SQLException {
        String sql = "SELECT em.*, m.deployed_version FROM query.erasure_models em LEFT JOIN query.models m"
                + " ON m.model_id = em.model_id WHERE em.erasure_id = ? ORDER BY em.model_id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, erasureId);
            List<ErasureView.ModelErasure> models = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    models.add(new ErasureView.ModelErasure(rs.getString("model_id"), rs.getString("guarantee"),
                            rs.getObject("version_before", Integer.class), rs.getObject("version_after", Integer.class),
                            rs.getObject("deployed_version", Integer.class), numbers(rs.getString("metrics"))));
                }
            }
            return models;
        }
    }

    private static Map<String, Double> numbers(String json) {
        try {
            return json == null ? null : Json.mapper().readValue(json, NUMBERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
