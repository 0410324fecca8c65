package io.lethe.query.witness;

import io.lethe.query.log.CheckpointSigner;
import io.lethe.query.log.Ed25519Keys;
import io.lethe.query.log.JdbcNodeStore;
import io.lethe.query.log.MerkleLog;
import io.lethe.query.log.NewLeaf;
import io.lethe.query.log.TestDatabase;
import io.lethe.query.log.TransparencyLog;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.SignedNote;
import io.lethe.witness.Witness;
import io.lethe.witness.WitnessKey;
import io.lethe.witness.WitnessServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side's submitter against two real witnesses on real HTTP: an honest one cosigns the log's checkpoint,
 * and one that already holds a split view of the same log (a checkpoint signed with the log's key, at a smaller
 * size, that the log's tree does not extend) refuses it; the fork is reported with both roots in the witness's
 * status and in {@code /health}'s reason, and only the honest cosignature is served.
 */
class WitnessCosigningTest {

    private static final String ORIGIN = "lethe.test/log";

    @TempDir
    Path dir;

    private final KeyPair logKey = Ed25519Keys.fromSeed(seed(1));
    private final List<WitnessServer> servers = new ArrayList<>();
    private final List<WitnessEndpoint> endpoints = new ArrayList<>();
    private final List<ServerSocket> silent = new ArrayList<>();
    private TransparencyLog log;
    private WitnessCosigning cosigning;

    @BeforeEach
    void aLogOfTenLeavesWithACheckpoint() throws Exception {
        TestDatabase.truncateLogTables();
        log = TransparencyLog.open(TestDatabase.dataSource(), ORIGIN, logKey, Clock.systemUTC());
        appendLeaves(0, 10);
        log.signLatest();
    }

    private static void appendLeaves(int from, int count) throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<NewLeaf> leaves = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                leaves.add(new NewLeaf(("event-" + i).getBytes(StandardCharsets.UTF_8), "ev-" + i, "TestEvent"));
            }
            new MerkleLog(new JdbcNodeStore(connection)).append(leaves);
            connection.commit();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (cosigning != null) {
            cosigning.close();
        }
        servers.forEach(WitnessServer::close);
        for (ServerSocket socket : silent) {
            socket.close();
        }
    }

    @Test
    void anHonestWitnessCosignsAndAWitnessHoldingASplitViewReportsTheForkWithBothRoots() throws Exception {
        Witness honest = witness("honest.test/witness", 11);
        Witness misled = witness("misled.test/witness", 12);
        byte[] splitRoot = new byte[32];
        Arrays.fill(splitRoot, (byte) 7);
        String split = new CheckpointSigner(ORIGIN, logKey, Clock.systemUTC())
                .noteFor(new Checkpoint(ORIGIN, 3, splitRoot));
        assertThat(misled.addCheckpoint("old 0\n\n" + split).status()).isEqualTo(200);

        cosigning = WitnessCosigning.start(log, endpoints, new SimpleMeterRegistry(), Clock.systemUTC());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<WitnessStatus> states = cosigning.statuses(log.latestCheckpoint());
            assertThat(states.get(0).upToDate()).isTrue();
            assertThat(states.get(1).fork()).isNotNull();
        });
        String logRoot = Base64.getEncoder().encodeToString(log.root(10));
        WitnessStatus forked = cosigning.statuses(log.latestCheckpoint()).get(1);
        assertThat(forked.fork()).contains("cosigned size 3 root " + Base64.getEncoder().encodeToString(splitRoot))
                .contains("submitted size 10 root " + logRoot);
        assertThat(forked.upToDate()).isFalse();
        assertThat(cosigning.degradation()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("misled.test/witness reports a fork").contains(logRoot));

        SignedNote served = SignedNote.parse(log.cosignedNote(log.latestCheckpoint().orElseThrow()));
        assertThat(served.signatures()).extracting(NoteSignature::keyName)
                .containsExactly(ORIGIN, "honest.test/witness");
        assertThat(honest.key().verifier().verify(served.body(), served.signatures().get(1))).isPositive();
    }

    @Test
    void aCheckpointKeepsItsCosignaturesAfterANewerOneAndARestartResumesFromTheSizeCosigned() throws Exception {
        Witness honest = witness("honest.test/witness", 11);
        cosigning = WitnessCosigning.start(log, endpoints, new SimpleMeterRegistry(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cosigning.statuses(log.latestCheckpoint()).get(0).upToDate());
        cosigning.close();

        appendLeaves(10, 5);
        log.signLatest();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        cosigning = WitnessCosigning.start(log, endpoints, meters, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            WitnessStatus status = cosigning.statuses(log.latestCheckpoint()).get(0);
            return status.upToDate() && status.cosignedSize() == 15;
        });

        // Resumed from size 10: no submission from size 0 for the witness to refuse with a 409.
        assertThat(submissions(meters, "honest.test/witness", "refused")).isZero();
        assertThat(submissions(meters, "honest.test/witness", "cosigned")).isEqualTo(1.0);
        for (long size : new long[] {10, 15}) {
            SignedNote served = SignedNote.parse(log.cosignedNote(log.checkpointAt(size).orElseThrow()));
            assertThat(served.signatures()).extracting(NoteSignature::keyName)
                    .containsExactly(ORIGIN, "honest.test/witness");
            assertThat(honest.key().verifier().verify(served.body(), served.signatures().get(1))).isPositive();
        }
        assertThat(log.latestCosignedNote()).hasValueSatisfying(note -> assertThat(note).contains("\n15\n"));
    }

    @Test
    void aWitnessThatNeverAnswersDelaysNoOther() throws Exception {
        ServerSocket hanging = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        silent.add(hanging);
        Thread acceptor = new Thread(() -> acceptAndNeverAnswer(hanging), "never-answers");
        acceptor.setDaemon(true);
        acceptor.start();
        // A real witness's key and name, behind an address that accepts the connection and never answers.
        Witness stand = witness("stand-in.test/witness", 13);
        endpoints.set(0, new WitnessEndpoint(URI.create("http://127.0.0.1:" + hanging.getLocalPort()),
                stand.key().verifier()));
        witness("honest.test/witness", 11);

        cosigning = WitnessCosigning.start(log, endpoints, new SimpleMeterRegistry(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cosigning.statuses(log.latestCheckpoint()).get(1).upToDate());

        // One thread for both would still be waiting on the first witness's 10 s timeout.
        WitnessStatus stuck = cosigning.statuses(log.latestCheckpoint()).get(0);
        assertThat(stuck.consecutiveFailures()).isZero();
        assertThat(stuck.upToDate()).isFalse();
    }

    private static void acceptAndNeverAnswer(ServerSocket socket) {
        List<java.net.Socket> held = new ArrayList<>();
        try {
            while (true) {
                held.add(socket.accept());
            }
        } catch (java.io.IOException closed) {
            // The test is over.
        }
    }

    private static double submissions(SimpleMeterRegistry meters, String witness, String outcome) {
        return meters.get("lethe.witness.submissions").tag("witness", witness).tag("outcome", outcome).counter()
                .count();
    }

    private Witness witness(String name, long seed) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        WitnessKey key = WitnessKey.loadOrCreate(name, dir.resolve(name.replace('/', '_') + "/key.pem"), random);
        Witness witness = Witness.open(key, List.of(log.publicKey()), dir.resolve(name.replace('/', '_')),
                Clock.systemUTC(), fork -> { });
        WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0), "");
        servers.add(server);
        endpoints.add(new WitnessEndpoint(URI.create("http://127.0.0.1:" + server.port()), key.verifier()));
        return witness;
    }

    private static byte[] seed(int value) {
        byte[] seed = new byte[32];
        seed[0] = (byte) value;
        return seed;
    }
}
