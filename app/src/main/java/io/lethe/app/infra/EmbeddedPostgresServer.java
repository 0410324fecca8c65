package io.lethe.app.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (zonky's bundled binaries) with a persistent data directory: the
 * cluster is created by {@code initdb} on first start and reused afterwards, so tables survive a
 * restart on the same directory. Lethe's data lives in the database {@value #DATABASE}, created
 * on first start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Name of the database Lethe uses. */
    public static final String DATABASE = "lethe";
    private static final String USER = "postgres";
    // initdb runs with trust authentication on loopback; the password is only for JDBC symmetry.
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, running {@code initdb} only if the directory holds no
     * cluster yet.
     *
     * @param dataDir the PostgreSQL data directory; created if missing
     * @param port port on localhost, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // keep the cluster between runs
                    .setPort(FreePorts.resolve(port))
                    // We stop it ourselves; zonky's hook would race with ours on JVM exit.
                    .setRegisterShutdownHook(false)
                    // zonky defaults to synchronous_commit=off (fine for throwaway test databases);
                    // an audit ledger must not lose acknowledged commits on a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            try {
                server.createDatabaseIfAbsent();
            } catch (SQLException e) {
                server.stop();
                throw new IllegalStateException("cannot create database " + DATABASE, e);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on " + dataDir, e);
        }
    }

    /** JDBC URL of the Lethe database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return postgres.getPort();
    }

    /** Database superuser name. */
    public String user() {
        return USER;
    }

    /** Password for {@link #user()} (not checked: loopback uses trust authentication). */
    public String password() {
        return PASSWORD;
    }

    /** A non-pooling DataSource on the Lethe database; wrap it in a pool for real workloads. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    /** Stops the server with a fast, clean shutdown; safe to call repeatedly. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void createDatabaseIfAbsent() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + DATABASE);
            }
        }
    }
}
