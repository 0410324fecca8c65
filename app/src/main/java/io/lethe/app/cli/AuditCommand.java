package io.lethe.app.cli;

import io.lethe.app.audit.AuditExport;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.query.log.TransparencyLog;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
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

        @Override
        public Integer call() throws IOException {
            Path temporary = out.resolveSibling(out.getFileName() + ".partial");
            try (Connection connection = database.connect();
                 OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                AuditExport.Counts counts = AuditExport.export(connection, origin, file);
                file.close();
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("wrote " + out + ": " + counts.keys() + " keys, " + counts.checkpoints()
                        + " checkpoints, " + counts.leaves() + " leaves, " + counts.versions() + " versions, "
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

        @Override
        public Integer call() {
            Optional<TrustedKeys> pinned;
            try {
                pinned = pinnedKeys();
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("cannot read the keys to trust: " + e.getMessage());
                return 2;
            }
            try (InputStream in = Files.newInputStream(bundle)) {
                AuditReport report = AuditBundleVerifier.verify(in, new AuditBundleVerifier.Options(pinned,
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
