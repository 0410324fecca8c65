package io.lethe.command.erasure;

import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Every registered model, read from the event store itself: an erasure asks each of them. */
public final class JdbcModelDirectory implements ModelDirectory {

    private final ConnectionProvider connections;

    public JdbcModelDirectory(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public List<String> allModelIds() {
        String sql = "SELECT aggregateidentifier FROM events.domainevententry WHERE type = 'Model'"
                + " AND sequencenumber = 0 ORDER BY aggregateidentifier";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list models", e);
        }
    }
}
