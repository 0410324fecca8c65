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
    private TransparencyLog log;
    private WitnessCosigning cosigning;

    @BeforeEach
    void aLogOfTenLeavesWithACheckpoint() throws Exception {
        TestDatabase.truncateLogTables();
        log = TransparencyLog.open(TestDatabase.dataSource(), ORIGIN, logKey, Clock.systemUTC());
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<NewLeaf> leaves = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                leaves.add(new NewLeaf(("event-" + i).getBytes(StandardCharsets.UTF_8), "ev-" + i, "TestEvent"));
            }
            new MerkleLog(new JdbcNodeStore(connection)).append(leaves);
            connection.commit();
        }
        log.signLatest();
    }

    @AfterEach
    void stop() {
        if (cosigning != null) {
            cosigning.close();
        }
        servers.forEach(WitnessServer::close);
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

        SignedNote served = SignedNote.parse(cosigning.cosignedNote(log.latestCheckpoint().orElseThrow()));
        assertThat(served.signatures()).extracting(NoteSignature::keyName)
                .containsExactly(ORIGIN, "honest.test/witness");
        assertThat(honest.key().verifier().verify(served.body(), served.signatures().get(1))).isPositive();
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
