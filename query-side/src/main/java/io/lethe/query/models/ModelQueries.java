package io.lethe.query.models;

import io.lethe.api.views.ModelView;
import io.lethe.query.versions.VersionQueries;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of {@code query.models}. */
public final class ModelQueries {

    private static final String SELECT = "SELECT model_id, task, preset, deployed_version, registered_at"
            + " FROM query.models";

    private final DataSource dataSource;
    private final VersionQueries versions;

    public ModelQueries(DataSource dataSource, VersionQueries versions) {
        this.dataSource = dataSource;
        this.versions = versions;
    }

    public List<ModelView> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY model_id");
             ResultSet rs = s.executeQuery()) {
            List<ModelView> models = new ArrayList<>();
            while (rs.next()) {
                models.add(read(rs));
            }
            return models;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list models", e);
        }
    }

    public Optional<ModelView> find(String modelId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + " WHERE model_id = ?")) {
            s.setString(1, modelId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(withVersions(read(rs))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model " + modelId, e);
        }
    }

    private ModelView withVersions(ModelView model) {
        return new ModelView(model.modelId(), model.task(), model.preset(), model.deployedVersion(),
                model.registeredAt(), versions.summaries(model.modelId()));
    }

    private static ModelView read(ResultSet rs) throws SQLException {
        Integer deployed = rs.getObject("deployed_version", Integer.class);
        return new ModelView(rs.getString("model_id"), rs.getString("task"), rs.getString("preset"),
                deployed, rs.getTimestamp("registered_at").toInstant(), List.of());
    }
}
