package io.lethe.app.cli;

import io.lethe.app.audit.AuditExport;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.app.verify.WitnessedCheckpoint;
import io.lethe.query.log.TransparencyLog;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;
import io.lethe.verifier.bundle.AuditBundleVerifier;
import io.lethe.verifier.bundle.AuditReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lethe audit export|verify}: the offline audit bundle, written from the ledger and checked with nothing else. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Export the log as an offline audit bundle, or verify a bundle with no database and no server.",
        subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write keys, signed checkpoints, every leaf they cover, completed versions and issued"
                    + " erasure certificates to FILE (JSON Lines; no personal data). Exit 0 written, 2 cannot run.")
    static final class Export implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(names = "--out", required = true, description = "The bundle file to write (replaced atomically).")
        Path out;

        @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
                description = "The log's origin and signing-key name (default ${DEFAULT-VALUE}).")
        String origin;

        @Option(names = "--http", description = "Query-side base URL whose GET /checkpoint (the latest checkpoint with"
                + " its witnesses' cosignatures) goes into the bundle (default: the largest checkpoint the database"
                + " holds witness cosignatures of; none: no cosigned line).")
        String http;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path temporary = out.resolveSibling(out.getFileName() + ".partial");
            // Fetched before the snapshot opens, so the snapshot holds the checkpoint the witnesses cosigned.
            // Without --http the export reads the cosignatures the query side keeps, in the same snapshot.
            Optional<String> cosigned = cosignedCheckpoint();
            try (Connection connection = database.connect();
                 OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                AuditExport.Counts counts = AuditExport.export(connection, origin, cosigned, file);
                file.close();
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("wrote " + out + ": " + counts.keys() + " keys, " + counts.checkpoints()
                        + " checkpoints" + (counts.cosigned() ? " (and the latest cosigned one with its cosignatures)" : "")
                        + ", " + counts.leaves() + " leaves, " + counts.versions() + " versions, "
                        + counts.certificates() + " certificates");
                return 0;
            } catch (DatabaseOptions.NoDatabase e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (SQLException e) {
                System.err.println("cannot read the database: " + e.getMessage());
                return 2;
            } finally {
                Files.deleteIfExists(temporary);
            }
        }

        private Optional<String> cosignedCheckpoint() throws IOException, InterruptedException {
            if (http == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(WitnessedCheckpoint.fetch(http));
            } catch (IOException e) {
                System.err.println("no cosigned checkpoint from " + http + ", using the database's: " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle offline: checkpoint signatures, the roots of its leaves, version digests"
                    + " and lineage roots, erasure certificates. Exit 0 verifies, 1 a finding, 2 cannot run.")
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "The bundle written by `lethe audit export`.")
        Path bundle;

        @Option(names = "--public-key", paramLabel = "FILE|BASE64", description = "Pin a log key (repeat for the keys"
                + " of earlier rotations), as for `lethe verify`. Without it the bundle's own keys are trusted.")
        List<String> publicKeys = new ArrayList<>();

        @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
                description = "The log's origin, for keys that do not name it (default ${DEFAULT-VALUE}).")
        String origin;

        @Option(names = "--witness-policy", paramLabel = "FILE", description = "A witness policy in Sigsum's format"
                + " (log, witness, group, quorum lines): the bundle's cosigned checkpoint must meet its quorum."
                + " Without --public-key, the policy's log keys are the trusted keys.")
        Path witnessPolicy;

        @Override
        public Integer call() {
            Optional<TrustedKeys> pinned;
            Optional<WitnessPolicy> policy;
            try {
                pinned = pinnedKeys();
                policy = witnessPolicy == null ? Optional.empty()
                        : Optional.of(WitnessPolicy.parse(Files.readString(witnessPolicy, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException | IOException | VerificationException e) {
                System.err.println("cannot read the keys or the witness policy to trust: " + e.getMessage());
                return 2;
            }
            try (InputStream in = Files.newInputStream(bundle)) {
                AuditReport report = AuditBundleVerifier.verify(in, new AuditBundleVerifier.Options(pinned, policy,
                        new ByteProgressBar("verifying " + bundle.getFileName(), Files.size(bundle))));
                System.out.println(report.summary());
                return report.ok() ? 0 : 1;
            } catch (IOException e) {
                System.err.println("cannot read " + bundle + ": " + e.getMessage());
                return 2;
            }
        }

        private Optional<TrustedKeys> pinnedKeys() throws IOException {
            if (publicKeys.isEmpty()) {
                return Optional.empty();
            }
            List<NoteVerifier> keys = new ArrayList<>();
            for (String key : publicKeys) {
                keys.add(PinnedKeys.parse(key, origin));
            }
            return Optional.of(new TrustedKeys(keys));
        }
    }
}
