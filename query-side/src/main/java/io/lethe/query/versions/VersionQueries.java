package io.lethe.query.versions;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lethe.api.Json;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.views.VersionSummary;
import io.lethe.api.views.VersionView;

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

/** Reads of {@code query.model_versions} and the lineage tables. */
public final class VersionQueries {

    private static final TypeReference<List<ComponentLineage>> COMPONENTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };

    private final DataSource dataSource;

    public VersionQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A completed version's lineage: the sorted commitments and their root. */
    public record Lineage(String modelId, int version, String root, List<String> commitments, boolean deployed) {
    }

    public List<VersionSummary> summaries(String modelId) {
        String sql = "SELECT version, digest, cause, status, guarantee, lineage_size, created_at, deployed_at"
                + " FROM query.model_versions WHERE model_id = ? ORDER BY version";
        return list(sql, rs -> new VersionSummary(rs.getInt("version"), rs.getString("digest"),
                rs.getString("cause"), rs.getString("status"), rs.getString("guarantee"),
                rs.getObject("lineage_size", Integer.class), instant(rs, "created_at"), instant(rs, "deployed_at")),
                modelId);
    }

    public Optional<VersionView> find(String modelId, int version) {
        String sql = "SELECT * FROM query.model_versions WHERE model_id = ? AND version = ?";
        return list(sql, VersionQueries::view, modelId, version).stream().findFirst();
    }

    public Optional<Lineage> lineage(String modelId, int version) {
        String sql = "SELECT v.lineage_root, v.lineage, m.deployed_version = v.version AS deployed"
                + " FROM query.model_versions v JOIN query.models m ON m.model_id = v.model_id"
                + " WHERE v.model_id = ? AND v.version = ? AND v.status = 'COMPLETED'";
        return list(sql, rs -> new Lineage(modelId, version, rs.getString(1), read(rs.getString(2), STRINGS),
                rs.getBoolean(3)), modelId, version).stream().findFirst();
    }

    /** Every completed version that saw any of the subject's records, with those records' commitments. */
    public Map<Lineage, List<String>> exposure(String subjectPseudonym) {
        String sql = "SELECT vr.model_id, vr.version, array_agg(vr.commitment ORDER BY vr.commitment)"
                + " FROM query.version_records vr JOIN query.record_subjects rs ON rs.commitment = vr.commitment"
                + " WHERE rs.subject_pseudonym = ? GROUP BY vr.model_id, vr.version ORDER BY vr.model_id, vr.version";
        Map<Lineage, List<String>> exposed = new java.util.LinkedHashMap<>();
        for (Object[] row : list(sql, rs -> new Object[] {rs.getString(1), rs.getInt(2),
                List.of((String[]) rs.getArray(3).getArray())}, subjectPseudonym)) {
            @SuppressWarnings("unchecked")
            List<String> commitments = (List<String>) row[2];
            lineage((String) row[0], (Integer) row[1]).ifPresent(l -> exposed.put(l, commitments));
        }
        return exposed;
    }

    /** The commitments of every record of a subject, by pseudonym. */
    public List<String> commitmentsOfSubject(String subjectPseudonym) {
        return list("SELECT commitment FROM query.record_subjects WHERE subject_pseudonym = ? ORDER BY commitment",
                rs -> rs.getString(1), subjectPseudonym);
    }

    public int recordCountOfSubject(String subjectPseudonym) {
        return list("SELECT count(*) FROM query.record_subjects WHERE subject_pseudonym = ?",
                rs -> rs.getInt(1), subjectPseudonym).get(0);
    }

    private static VersionView view(ResultSet rs) throws SQLException {
        List<ComponentLineage> components = read(rs.getString("components"), COMPONENTS);
        VersionView.Part backbone = null;
        List<VersionView.Branch> branches = new ArrayList<>();
        for (ComponentLineage c : components == null ? List.<ComponentLineage>of() : components) {
            if (c.kind() == ComponentKind.BACKBONE) {
                backbone = new VersionView.Part(c.weightsDigest(), c.lineageRoot(), c.lineageSize());
            } else {
                branches.add(new VersionView.Branch(c.componentId(), c.kind().name(), c.rank(), c.seed(),
                        c.weightsDigest(), c.lineageRoot(), c.lineageSize()));
            }
        }
        return new VersionView(rs.getInt("version"), rs.getString("digest"), rs.getString("lineage_root"),
                rs.getObject("lineage_size", Integer.class), backbone, branches, instant(rs, "created_at"),
                instant(rs, "deployed_at"), rs.getString("status"), rs.getString("cause"), rs.getInt("base_version"),
                rs.getString("guarantee"), read(rs.getString("metrics"), NUMBERS), read(rs.getString("cost"), NUMBERS),
                rs.getString("failure_reason"));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model versions", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
