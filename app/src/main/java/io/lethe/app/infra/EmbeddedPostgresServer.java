package io.lethe.app.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries) with a persistent data directory: the
 * cluster is created by {@code initdb} on first start and reused afterwards, so tables survive a
 * restart on the same directory. Lethe's data lives in the database {@value #DATABASE}, created
 * on first start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
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
            stopOrphanedPostmaster(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // keep the cluster between runs
                    .setPort(FreePorts.resolveAvailable(port, "PostgreSQL"))
                    // The owner stops it, after the services that use it; zonky's JVM hook would
                    // race with that. A postmaster orphaned by a killed JVM is handled on next start.
                    .setRegisterShutdownHook(false)
                    // zonky starts postgres with -F (fsync off) and synchronous_commit=off, fine
                    // for throwaway test databases; an audit ledger must neither lose acknowledged
                    // commits nor risk a corrupt cluster after an OS crash. (-c options win over -F.)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    // Old WAL segments are deleted, not renamed for reuse with their contents: a shredded
                    // subject key must not survive in a recycled segment (KeyScrubber).
                    .setServerConfig("wal_recycle", "off")
                    // Per-statement execution counts and times for `lethe bench` and for operators (normalised
                    // statement text only: every value Lethe sends is a bind parameter, shown as $n).
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
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

    /**
     * PostgreSQL runs as a child process, so a JVM killed with SIGKILL (or one that never called
     * {@link #stop()}) leaves its postmaster running on the data directory, and the next start would
     * fail. A live owner holds zonky's {@code epg-lock} file lock; if we can take that lock, nobody
     * owns the directory and a postmaster still listed in {@code postmaster.pid} is an orphan, which
     * we ask to shut down (SIGTERM: smart shutdown, immediate since its clients died with the JVM).
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !Files.exists(dataDir.resolve("epg-lock"))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // another process owns it; let zonky report the conflict
            }
        } catch (OverlappingFileLockException e) {
            return; // owned by this JVM
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isPresent()) {
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", postmaster.get().pid(), dataDir);
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("orphaned PostgreSQL on " + dataDir + " did not stop", e);
            }
        }
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
