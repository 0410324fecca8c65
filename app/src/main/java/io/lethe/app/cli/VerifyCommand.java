package io.lethe.app.cli;

import io.lethe.api.verify.NoteVerifier;
import io.lethe.app.verify.Endpoints;
import io.lethe.app.verify.PublicKeyClient;
import io.lethe.app.verify.ReplayVerifier;
import io.lethe.app.verify.VerifyReport;
import io.lethe.query.log.TransparencyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code lethe verify}: replays the event store and checks the transparency log, its signed checkpoints and the
 * read models against it. Exit 0 when everything agrees, 1 on any mismatch, 2 when it cannot run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay the event store; check the transparency log, signed checkpoints and projections.")
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

    @Option(names = "--retrain", description = "Also replay branch training and compare weight digests (not yet supported).")
    boolean retrain;

    @Override
    public Integer call() throws Exception {
        if (retrain) {
            System.err.println("--retrain is not supported yet: branch-training replay needs the learn/forget events");
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
            return report.ok() ? 0 : 1;
        }
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
