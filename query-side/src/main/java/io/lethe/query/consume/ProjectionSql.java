package io.lethe.query.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lethe.api.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The two things every projection does with SQL: run a parameterised update and write a JSONB value. */
public final class ProjectionSql {

    private ProjectionSql() {
    }

    /** Runs {@code sql} with positional parameters in the projection's transaction. */
    public static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    /** A value as JSON text, for a {@code ?::jsonb} parameter. */
    public static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
