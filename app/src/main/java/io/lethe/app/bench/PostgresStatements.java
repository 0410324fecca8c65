package io.lethe.app.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * PostgreSQL's own account of where its time went, from {@code pg_stat_statements}: execution time per command,
 * statement by statement, labelled by verb and table ({@code INSERT query.log_leaves}, {@code COMMIT}). Execution
 * time is wall time inside the server (a statement waiting for a lock or for the WAL flush of a {@code COMMIT}
 * counts), so it says which statements to look at where {@link CpuTimes} only says how much PostgreSQL spent.
 *
 * <p>The embedded PostgreSQL preloads the module; on a server without it the figures are simply absent.
 */
final class PostgresStatements {

    /** Labels reported by name; the rest are summed into {@code other}. */
    static final int REPORTED = 12;

    private static final Pattern WRITE = Pattern.compile("\\b(INSERT INTO|UPDATE|DELETE FROM)\\s+([\\w.]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern READ = Pattern.compile("\\bFROM\\s+(\\w+\\.\\w+)", Pattern.CASE_INSENSITIVE);
    private static final String SAMPLE = "SELECT queryid, query, total_exec_time FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final DataSource dataSource;
    private final boolean available;

    PostgresStatements(DataSource dataSource) {
        this.dataSource = dataSource;
        this.available = enable();
    }

    /** Milliseconds of execution so far, per label. Empty where {@code pg_stat_statements} is not loaded. */
    Map<String, Double> sample() {
        Map<String, Double> millis = new HashMap<>();
        if (!available) {
            return millis;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SAMPLE)) {
            while (rs.next()) {
                millis.merge(label(rs.getString(2)), rs.getDouble(3), Double::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements", e);
        }
        return millis;
    }

    /**
     * {@code postgresExecMicrosPerCommand.<label>} between two samples: the {@value #REPORTED} largest by name,
     * the rest as {@code other}, and {@code total}.
     */
    static Map<String, Double> perCommand(Map<String, Double> before, Map<String, Double> after, int commands) {
        List<Map.Entry<String, Double>> spent = new ArrayList<>();
        for (Map.Entry<String, Double> label : after.entrySet()) {
            double ms = label.getValue() - before.getOrDefault(label.getKey(), 0.0);
            if (ms > 0) {
                spent.add(Map.entry(label.getKey(), ms));
            }
        }
        spent.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> micros = new LinkedHashMap<>();
        double other = 0;
        double total = 0;
        for (int i = 0; i < spent.size(); i++) {
            double perCommand = spent.get(i).getValue() * 1e3 / commands;
            total += perCommand;
            if (i < REPORTED) {
                micros.put("postgresExecMicrosPerCommand." + spent.get(i).getKey(), perCommand);
            } else {
                other += perCommand;
            }
        }
        if (!spent.isEmpty()) {
            micros.put("postgresExecMicrosPerCommand.other", other);
            micros.put("postgresExecMicrosPerCommand.total", total);
        }
        return micros;
    }

    /** The statement's verb and the table it writes, or reads first; utility statements by their first word. */
    static String label(String query) {
        Matcher write = WRITE.matcher(query);
        if (write.find()) {
            return write.group(1).split("\\s+")[0].toUpperCase(java.util.Locale.ROOT) + " " + write.group(2);
        }
        Matcher read = READ.matcher(query);
        if (read.find()) {
            return "SELECT " + read.group(1);
        }
        String first = query.strip().split("[\\s(;]+", 2)[0];
        return first.toUpperCase(java.util.Locale.ROOT);
    }

    private boolean enable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false; // not preloaded, or not installed: the other figures stand without these
        }
    }
}
