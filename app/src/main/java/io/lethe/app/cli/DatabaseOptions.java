package io.lethe.app.cli;

import io.lethe.app.verify.Endpoints;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The Lethe database a command reads: {@code --db} (with user and password), else the endpoints a running
 * {@code lethe up} wrote to {@code --data-dir}, else {@code POSTGRES_URL}/{@code POSTGRES_USER}/{@code POSTGRES_PASSWORD}.
 */
final class DatabaseOptions {

    @Option(names = "--db", description = "JDBC URL of the Lethe database (default: from --data-dir, else POSTGRES_URL).")
    String db;

    @Option(names = "--db-user", description = "Database user (default: from --data-dir, else POSTGRES_USER).")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (default: from --data-dir, else POSTGRES_PASSWORD).")
    String dbPassword;

    @Option(names = "--data-dir", defaultValue = ".lethe",
            description = "Data directory of a running `lethe up` (reads endpoints.properties; default ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Thrown when no database is named anywhere: the command cannot run. */
    static final class NoDatabase extends Exception {
        NoDatabase() {
            super("no database: pass --db URL, or --data-dir of a running `lethe up`, or set POSTGRES_URL");
        }
    }

    Connection connect() throws NoDatabase, SQLException, java.io.IOException {
        Map<String, String> env = System.getenv();
        Optional<Endpoints> running = Endpoints.read(dataDir);
        String url = first(db, running.map(Endpoints::postgresUrl).orElse(null), env.get("POSTGRES_URL"));
        if (url == null) {
            throw new NoDatabase();
        }
        String user = first(dbUser, running.map(Endpoints::postgresUser).orElse(null), env.get("POSTGRES_USER"));
        String password = first(dbPassword, running.map(Endpoints::postgresPassword).orElse(null),
                env.get("POSTGRES_PASSWORD"));
        return DriverManager.getConnection(url, user, password);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
