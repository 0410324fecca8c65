package io.lethe.app.it;

import io.lethe.app.infra.Infrastructure;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL on the shared test database: counts, stable dumps, a scratch database. */
final class LogDatabase {

    private LogDatabase() {
    }

    static Connection connect(Infrastructure infra) throws SQLException {
        return connect(infra.postgresUrl(), infra);
    }

    static Connection connect(String url, Infrastructure infra) throws SQLException {
        return DriverManager.getConnection(url, infra.postgresUser(), infra.postgresPassword());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A {@code count(*)} query with one string parameter, on a pooled connection. */
    static long count(DataSource db, String sql, String parameter) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Every row of a query as one text line each: what "identical tables" means in the rebuild test. */
    static List<String> dump(Connection c, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    line.append(rows.getString(i)).append('|');
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** The leaf index and event id of the event that registered {@code modelId}. */
    static String[] leafOf(Connection c, String modelId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT p.leaf_index, p.event_id FROM events.publication_log p"
                + " JOIN events.domainevententry d ON d.eventidentifier = p.event_id WHERE d.aggregateidentifier = ?"
                + " ORDER BY d.sequencenumber LIMIT 1")) {
            s.setString(1, modelId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return new String[] {rows.getString(1), rows.getString(2)};
            }
        }
    }

    /** Creates an empty database next to the shared one and returns its JDBC URL. */
    static String createDatabase(Infrastructure infra, String name) throws SQLException {
        try (Connection c = connect(infra); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = infra.postgresUrl();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }
}
