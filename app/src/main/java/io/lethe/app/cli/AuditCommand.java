package io.lethe.app.cli;

import io.lethe.api.verify.NoteVerifier;
import io.lethe.api.verify.TrustedKeys;
import io.lethe.api.verify.VerificationException;
import io.lethe.api.verify.WitnessPolicy;
import io.lethe.app.audit.AuditExport;
import io.lethe.app.audit.AuditReport;
import io.lethe.app.audit.AuditVerifier;
import io.lethe.app.verify.Endpoints;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.app.verify.WitnessedCheckpoint;
import io.lethe.query.log.TransparencyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lethe audit export|verify}: the ledger in one file an auditor can check offline, with no database and
 * no server, against the keys and the witness policy they trust.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Export the ledger into an offline audit bundle, and verify one with no database or server.")
final class AuditCommand {

    @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The log's origin and signing-key name (default ${DEFAULT-VALUE}).")
    String origin;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write entries, checkpoints (the latest with its witnesses' cosignatures), the key history,"
                    + " erasure certificates and version digests with lineage roots to one JSON Lines file.")
    int export(@Option(names = "--out", required = true, description = "The bundle file to write.") Path out,
               @Option(names = "--db", description = "JDBC URL (default: from --data-dir, else POSTGRES_URL).")
               String db,
               @Option(names = "--db-user", description = "Database user.") String dbUser,
               @Option(names = "--db-password", description = "Database password.") String dbPassword,
               @Option(names = "--http", description = "Query-side base URL, for the cosigned checkpoint"
                       + " (default: from --data-dir).") String http,
               @Option(names = "--data-dir", defaultValue = ".lethe",
                       description = "Data directory of a running `lethe up` (default ${DEFAULT-VALUE}).")
               Path dataDir) throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        Optional<Endpoints> running = Endpoints.read(dataDir);
        String url = first(db, running.map(Endpoints::postgresUrl).orElse(null), env.get("POSTGRES_URL"));
        if (url == null) {
            System.err.println("no database: pass --db URL, or --data-dir of a running `lethe up`, or set POSTGRES_URL");
            return 2;
        }
        Optional<String> cosigned = cosignedCheckpoint(first(http, running.map(Endpoints::http).orElse(null)));
        Path temporary = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp");
        try (Connection connection = DriverManager.getConnection(url,
                first(dbUser, running.map(Endpoints::postgresUser).orElse(null), env.get("POSTGRES_USER")),
                first(dbPassword, running.map(Endpoints::postgresPassword).orElse(null), env.get("POSTGRES_PASSWORD")));
             Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            AuditExport.Summary summary = AuditExport.export(connection, origin, cosigned, writer,
                    ProgressBar.onStderr());
            writer.close();
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + out + ": " + summary.entries() + " entries, " + summary.checkpoints()
                    + " checkpoints" + (summary.cosigned() ? " (the latest cosigned)" : "") + ", " + summary.versions()
                    + " versions, " + summary.certificates() + " certificates");
            return 0;
        } catch (SQLException e) {
            System.err.println("cannot read the database: " + e.getMessage());
            return 2;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle offline: signatures, every root against the entries, certificates, version"
                    + " digests and lineage roots, and with --witness-policy the witnesses' quorum. Exit 0 when it"
                    + " verifies, 1 naming each problem, 2 when it cannot run.")
    int verify(@Parameters(paramLabel = "FILE", description = "The bundle.") Path bundle,
               @Option(names = "--public-key", paramLabel = "FILE|BASE64", description = "Pin a log key (repeat for"
                       + " earlier rotations); default: the policy's log keys, else the bundle's own key history.")
               List<String> publicKeys,
               @Option(names = "--witness-policy", paramLabel = "FILE",
                       description = "A Sigsum-format witness policy the cosigned checkpoint must meet.")
               Path witnessPolicy) throws IOException {
        AuditVerifier.Options options;
        try {
            options = new AuditVerifier.Options(origin, pinned(publicKeys), policy(witnessPolicy));
        } catch (IllegalArgumentException | VerificationException e) {
            System.err.println("cannot read the keys or the policy: " + e.getMessage());
            return 2;
        }
        AuditReport report;
        try (BufferedReader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            report = AuditVerifier.verify(reader, options, ProgressBar.onStderr());
        }
        report.notes().forEach(note -> System.out.println("note: " + note));
        report.failures().forEach(failure -> System.out.println("FAIL " + failure));
        System.out.println(report.summary());
        return report.ok() ? 0 : 1;
    }

    private Optional<TrustedKeys> pinned(List<String> keys) throws IOException {
        if (keys == null || keys.isEmpty()) {
            return Optional.empty();
        }
        List<NoteVerifier> pinned = new ArrayList<>();
        for (String key : keys) {
            pinned.add(PinnedKeys.parse(key, origin));
        }
        return Optional.of(new TrustedKeys(pinned));
    }

    private static Optional<WitnessPolicy> policy(Path file) throws IOException, VerificationException {
        return file == null ? Optional.empty()
                : Optional.of(WitnessPolicy.parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** The served cosigned checkpoint; without a server the bundle simply has none (said on stderr). */
    private static Optional<String> cosignedCheckpoint(String http) throws InterruptedException {
        if (http == null) {
            System.err.println("no --http: the bundle holds no cosigned checkpoint");
            return Optional.empty();
        }
        try {
            return Optional.of(WitnessedCheckpoint.fetch(http));
        } catch (IOException e) {
            System.err.println("cannot fetch the cosigned checkpoint from " + http + ": " + e.getMessage());
            return Optional.empty();
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
