package io.lethe.app.cli;

import io.lethe.api.verify.NoteVerifier;
import io.lethe.app.verify.Endpoints;
import io.lethe.app.verify.PublicKeyClient;
import io.lethe.app.verify.ReplayVerifier;
import io.lethe.app.verify.RetrainReport;
import io.lethe.app.verify.RetrainVerifier;
import io.lethe.app.verify.VerifyReport;
import io.lethe.query.log.TransparencyLog;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code lethe verify}: replays the event store and checks the transparency log, its signed checkpoints and the
 * read models against it; with {@code --retrain} also replays every completed version's training and compares the
 * weights digests bit for bit. Exit 0 when everything agrees (versions that cannot be replayed because an erasure
 * shredded their records are listed, not failed), 1 on any mismatch, 2 when it cannot run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay the event store; check the transparency log, signed checkpoints and projections;"
                + " with --retrain, also the weights digests of every completed version.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--db", description = "JDBC URL of the Lethe database (default: from --data-dir, else POSTGRES_URL).")
    String db;

    @Option(names = "--db-user", description = "Database user (default: from --data-dir, else POSTGRES_USER).")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (default: from --data-dir, else POSTGRES_PASSWORD).")
    String dbPassword;

    @Option(names = "--http", description = "Query-side base URL: trust the public key it serves instead of the stored one.")
    String http;

    @Option(names = "--data-dir", defaultValue = ".lethe",
            description = "Data directory of a running `lethe up` (reads endpoints.properties; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
            description = "The log's origin and signing-key name (default ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--retrain", description = "Also replay the training of every completed version (backbone,"
            + " branches, forgets) from the workers' stored base state and compare weights digests bit for bit.")
    boolean retrain;

    @Option(names = "--model", description = "With --retrain: replay only this model's versions.")
    String model;

    @Override
    public Integer call() throws Exception {
        if (model != null && !retrain) {
            System.err.println("--model goes with --retrain");
            return 2;
        }
        Map<String, String> env = System.getenv();
        Optional<Endpoints> running = Endpoints.read(dataDir);
        String url = first(db, running.map(Endpoints::postgresUrl).orElse(null), env.get("POSTGRES_URL"));
        if (url == null) {
            System.err.println("no database: pass --db URL, or --data-dir of a running `lethe up`, or set POSTGRES_URL");
            return 2;
        }
        String user = first(dbUser, running.map(Endpoints::postgresUser).orElse(null), env.get("POSTGRES_USER"));
        String password = first(dbPassword, running.map(Endpoints::postgresPassword).orElse(null),
                env.get("POSTGRES_PASSWORD"));
        Optional<NoteVerifier> key = http == null ? Optional.empty() : Optional.of(PublicKeyClient.fetch(http));
        key.ifPresent(k -> System.out.println("trusting the key served by " + http + ": " + k.format()));
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            VerifyReport report = ReplayVerifier.verify(connection,
                    new ReplayVerifier.Options(key.map(NoteVerifier::keyName).orElse(origin), key, 5000));
            System.out.println(report.summary());
            boolean ok = report.ok();
            if (retrain) {
                ok &= retrain(connection, url, user, password);
            }
            return ok ? 0 : 1;
        } catch (SQLException e) {
            // Exit 1 means "a mismatch was found"; a database that cannot be read is "cannot run".
            System.err.println("cannot read the database: " + e.getMessage());
            return 2;
        }
    }

    /** Replays every completed version (the worker's code, no Kafka), printing each as it is checked. */
    private boolean retrain(Connection connection, String url, String user, String password) throws Exception {
        PGSimpleDataSource workerDb = new PGSimpleDataSource();
        workerDb.setURL(url);
        if (user != null) {
            workerDb.setUser(user);
        }
        if (password != null) {
            workerDb.setPassword(password);
        }
        RetrainReport report = RetrainVerifier.verify(connection, workerDb, new RetrainVerifier.Options(
                Optional.ofNullable(model), check -> System.out.println("retrain " + check.line())));
        System.out.println(report.summary());
        return report.ok();
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
