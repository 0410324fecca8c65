package io.lethe.app.cli;

import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.app.verify.PublicKeyClient;
import io.lethe.app.verify.ReplayVerifier;
import io.lethe.app.verify.RetrainReport;
import io.lethe.app.verify.RetrainVerifier;
import io.lethe.app.verify.VerifyReport;
import io.lethe.app.verify.WitnessedCheckpoint;
import io.lethe.query.log.TransparencyLog;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    @Mixin
    DatabaseOptions database;

    @Option(names = "--http", description = "Query-side base URL: trust the key history it serves (GET /api/log/keys)"
            + " instead of reading it from the database; still the ledger's own word, not a pin.")
    String http;

    @Option(names = "--public-key", paramLabel = "FILE|BASE64", description = "Pin a log key (repeat for the keys"
            + " of earlier rotations): a PEM public key file, a note verifier key <name>+<id>+<key>, or base64 of the"
            + " raw key. A checkpoint not signed by a pinned key fails the run.")
    List<String> publicKeys = new ArrayList<>();

    @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
            description = "The log's origin and signing-key name (default ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--witness-policy", paramLabel = "FILE", description = "A witness policy in Sigsum's format"
            + " (log, witness, group, quorum lines): the largest checkpoint the database holds cosignatures of (with"
            + " --http: the one served at <http>/checkpoint) must carry a quorum of valid witness cosignatures and"
            + " match the database's checkpoint at its size. Without"
            + " --public-key, the policy's log keys are the pinned keys.")
    Path witnessPolicy;

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
        DatabaseOptions.Database target;
        try {
            target = database.resolve();
        } catch (DatabaseOptions.NoDatabase e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Optional<WitnessPolicy> policy;
        String cosignedNote = null;
        Optional<TrustedKeys> keys;
        try {
            policy = witnessPolicy();
            if (policy.isPresent() && http != null) {
                cosignedNote = WitnessedCheckpoint.fetch(http);
            }
            keys = trustedKeys(policy);
        } catch (IllegalArgumentException | IOException | VerificationException e) {
            System.err.println("cannot read the keys to trust: " + e.getMessage());
            return 2;
        }
        try (Connection connection = target.connect()) {
            VerifyReport report = ReplayVerifier.verify(connection, new ReplayVerifier.Options(origin, keys, 5000));
            System.out.println(report.summary());
            boolean ok = report.ok();
            if (policy.isPresent()) {
                // Without --http: the cosignatures the query side keeps beside the checkpoints it signed.
                Optional<String> note = cosignedNote != null ? Optional.of(cosignedNote)
                        : TransparencyLog.latestCosignedNote(connection);
                WitnessedCheckpoint.Result witnessed = note.isPresent()
                        ? WitnessedCheckpoint.check(note.get(), policy.get(), origin, connection)
                        : new WitnessedCheckpoint.Result(false, "witness policy: FAIL no witness has cosigned a"
                                + " checkpoint of this log");
                System.out.println(witnessed.line());
                ok &= witnessed.ok();
            }
            if (retrain) {
                ok &= retrain(connection, target);
            }
            return ok ? 0 : 1;
        } catch (SQLException e) {
            // Exit 1 means "a mismatch was found"; a database that cannot be read is "cannot run".
            System.err.println("cannot read the database: " + e.getMessage());
            return 2;
        }
    }

    private Optional<WitnessPolicy> witnessPolicy() throws IOException, VerificationException {
        if (witnessPolicy == null) {
            return Optional.empty();
        }
        return Optional.of(WitnessPolicy.parse(Files.readString(witnessPolicy, StandardCharsets.UTF_8)));
    }

    /**
     * The pinned keys, or the policy's log keys, or the query side's, or none (the database's own history); says
     * which it trusts.
     */
    private Optional<TrustedKeys> trustedKeys(Optional<WitnessPolicy> policy)
            throws IOException, InterruptedException {
        if (publicKeys.isEmpty() && policy.isPresent()) {
            TrustedKeys fromPolicy = policy.get().logKeys(origin);
            System.out.println("trusting only the policy's log keys " + fromPolicy.ids());
            return Optional.of(fromPolicy);
        }
        if (!publicKeys.isEmpty()) {
            if (http != null) {
                throw new IllegalArgumentException("--public-key and --http exclude each other");
            }
            List<NoteVerifier> pinned = new ArrayList<>();
            for (String key : publicKeys) {
                pinned.add(PinnedKeys.parse(key, origin));
            }
            TrustedKeys trusted = new TrustedKeys(pinned);
            System.out.println("trusting only the pinned keys " + trusted.ids());
            return Optional.of(trusted);
        }
        if (http != null) {
            TrustedKeys served = PublicKeyClient.fetch(http);
            System.out.println("trusting the keys served by " + http + " " + served.ids() + ": the query side reads"
                    + " them from the database, so pin them with --public-key to check the database itself");
            return Optional.of(served);
        }
        System.out.println("no --public-key: trusting the key history stored in the database (query.log_keys),"
                + " nothing but the database's word; pin the log's key with --public-key (see `lethe keys show`)");
        return Optional.empty();
    }

    /** Replays every completed version (the worker's code, no Kafka), printing each as it is checked. */
    private boolean retrain(Connection connection, DatabaseOptions.Database target) throws Exception {
        PGSimpleDataSource workerDb = new PGSimpleDataSource();
        workerDb.setURL(target.url());
        if (target.user() != null) {
            workerDb.setUser(target.user());
        }
        if (target.password() != null) {
            workerDb.setPassword(target.password());
        }
        RetrainReport report = RetrainVerifier.verify(connection, workerDb, new RetrainVerifier.Options(
                Optional.ofNullable(model), check -> System.out.println("retrain " + check.line())));
        System.out.println(report.summary());
        return report.ok();
    }
}
