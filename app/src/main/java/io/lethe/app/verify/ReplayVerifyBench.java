package io.lethe.app.verify;

import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.StoredEvent;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.RootAccumulator;
import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.migrations.Migrations;
import io.lethe.query.log.CheckpointSigner;
import io.lethe.query.log.Ed25519Keys;
import io.lethe.query.log.InMemoryNodeStore;
import io.lethe.query.log.JdbcCheckpointStore;
import io.lethe.query.log.JdbcKeyHistory;
import io.lethe.query.log.MerkleLog;
import io.lethe.query.log.NewLeaf;
import io.lethe.query.log.TransparencyLog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Replay-verify throughput (a main, not a test: no timings in tests; meant for {@code lethe bench}). Phase 1 turns
 * synthetic event-store rows into leaves and roots in memory (the CPU cost of a replay); phase 2 runs the full
 * {@link ReplayVerifier} on embedded PostgreSQL holding the same events, their stored leaves and a signed checkpoint.
 * Proof generation and verification rates are {@code io.lethe.query.log.MerkleLogBench}'s.
 *
 * <p>From the checkout's root (packaging in the same run puts the sibling modules' fresh jars on the class path,
 * not whatever {@code ~/.m2} holds):
 * <pre>
 * mvn -B -o -q -Dmaven.test.skip=true package dependency:build-classpath -pl app -am -Dmdep.outputFile=target/bench.cp
 * java -cp app/target/classes:$(cat app/target/bench.cp) io.lethe.app.verify.ReplayVerifyBench [--events=200000]
 * </pre>
 */
public final class ReplayVerifyBench {

    private static final String ORIGIN = TransparencyLog.DEFAULT_ORIGIN;
    private static final String PAYLOAD_TYPE = "io.lethe.api.events.ModelRegisteredEvent";
    private static final String[] TASKS = {"face", "speaker", "image"};

    /** One synthetic row as the event store holds it. */
    record Row(String eventId, String aggregateId, long sequence, String timestamp, byte[] payload) {
    }

    private ReplayVerifyBench() {
    }

    /** @param args {@code --events=N} (default 200000) */
    public static void main(String[] args) throws Exception {
        int count = Arrays.stream(args).filter(a -> a.startsWith("--events=")).findFirst()
                .map(a -> Integer.parseInt(a.substring(9))).orElse(200_000);
        List<Row> rows = rows(count, new Random(5));
        for (int round = 1; round <= 3; round++) {
            inMemory(rows, round);
        }
        onPostgres(rows);
    }

    /** @return {@code count} model registrations, four events per model (also the fixture of ReplayVerifierIT) */
    static List<Row> rows(int count, Random random) {
        List<Row> rows = new ArrayList<>(count);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String model = "bench-" + (i / 4);
            String json = "{\"modelId\":\"" + model + "\",\"task\":\"" + TASKS[random.nextInt(3)]
                    + "\",\"preset\":\"paper-180nm\",\"seed\":" + random.nextInt() + "}";
            rows.add(new Row(new UUID(random.nextLong(), random.nextLong()).toString(), model, i % 4,
                    start.plus(i, ChronoUnit.MILLIS).toString(), json.getBytes(StandardCharsets.UTF_8)));
        }
        return rows;
    }

    private static void inMemory(List<Row> rows, int round) {
        long began = System.nanoTime();
        RootAccumulator roots = new RootAccumulator();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            byte[] input = StoredEvent.fromRow(r.eventId(), PAYLOAD_TYPE, "Model", r.aggregateId(), r.sequence(),
                    r.timestamp(), r.payload()).envelope(i).leafInput();
            roots.add(Rfc6962.leafHash(input));
        }
        roots.root();
        long nanos = System.nanoTime() - began;
        System.out.printf("in-memory replay (rows -> envelopes -> leaves -> root), round %d: %,d events in %.3f s"
                + " = %,.0f events/s%n", round, rows.size(), nanos / 1e9, rows.size() * 1e9 / nanos);
    }

    private static void onPostgres(List<Row> rows) throws Exception {
        Path dir = Files.createTempDirectory("lethe-bench-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir, 0)) {
            onPostgres(postgres, rows);
        } finally {
            deleteTree(dir); // the cluster takes about 3 KiB an event
        }
    }

    private static void onPostgres(EmbeddedPostgresServer postgres, List<Row> rows) throws Exception {
        Migrations.migrate(postgres.dataSource());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl() + "?reWriteBatchedInserts=true",
                postgres.user(), postgres.password())) {
            long loaded = System.nanoTime();
            populate(c, rows);
            System.out.printf("loaded %,d events, leaves and a checkpoint into PostgreSQL in %.1f s%n",
                    rows.size(), (System.nanoTime() - loaded) / 1e9);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            double[] rates = new double[3];
            for (int round = 1; round <= rates.length; round++) {
                VerifyReport report = ReplayVerifier.verify(c, ReplayVerifier.Options.defaults(ORIGIN));
                rates[round - 1] = report.eventsPerSecond();
                System.out.printf("PostgreSQL replay-verify, round %d: %s%n", round,
                        report.summary().replace("\n", " | "));
            }
            Arrays.sort(rates);
            // Other processes on the machine move these figures more than anything measured: say how busy it was.
            System.out.printf("PostgreSQL replay-verify, median of %d rounds: %,.0f events/s (%d cores, load average"
                    + " %.1f before the first round)%n", rates.length, rates[rates.length / 2],
                    Runtime.getRuntime().availableProcessors(), load);
        }
    }

    /** Writes the rows as the command side, publisher and query side would, and signs a checkpoint over them. */
    static void populate(Connection c, List<Row> rows) throws Exception {
        populate(c, rows, index -> false);
    }

    /**
     * The same, with the leaves whose index {@code legacy} accepts logged in Lethe 0.2's encoding, as a log that
     * was started before RFC 8785 holds them (the fixture of LegacyLeavesVerifyIT).
     */
    static void populate(Connection c, List<Row> rows, IntPredicate legacy) throws Exception {
        MerkleLog memory = new MerkleLog(new InMemoryNodeStore());
        c.setAutoCommit(false);
        try (PreparedStatement event = c.prepareStatement("INSERT INTO events.domainevententry (globalindex,"
                + " aggregateidentifier, sequencenumber, type, eventidentifier, payload, payloadtype, timestamp)"
                + " VALUES (?, ?, ?, 'Model', ?, ?, ?, ?)");
             PreparedStatement published = c.prepareStatement(
                     "INSERT INTO events.publication_log (leaf_index, event_id, global_index) VALUES (?, ?, ?)");
             PreparedStatement model = c.prepareStatement("INSERT INTO query.models (model_id, task, preset,"
                     + " registered_at) VALUES (?, ?, 'paper-180nm', ?) ON CONFLICT DO NOTHING");
             PreparedStatement leaf = c.prepareStatement("INSERT INTO query.log_leaves (leaf_index, leaf_input,"
                     + " leaf_hash, event_id, event_type) VALUES (?, ?, ?, ?, 'lethe.ModelRegistered')")) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                EventEnvelope envelope = StoredEvent.fromRow(r.eventId(), PAYLOAD_TYPE, "Model", r.aggregateId(),
                        r.sequence(), r.timestamp(), r.payload()).envelope(i);
                byte[] input = legacy.test(i) ? envelope.legacyLeafInput() : envelope.leafInput();
                memory.append(new NewLeaf(input, r.eventId(), "lethe.ModelRegistered"));
                bind(event, i + 1, r.aggregateId(), r.sequence(), r.eventId(), r.payload(), PAYLOAD_TYPE, r.timestamp());
                bind(published, i, r.eventId(), i + 1);
                bind(leaf, i, input, Rfc6962.leafHash(input), r.eventId());
                if (r.sequence() == 0) {
                    String json = new String(r.payload(), StandardCharsets.UTF_8);
                    String task = json.substring(json.indexOf("\"task\":\"") + 8, json.indexOf("\",\"preset"));
                    bind(model, r.aggregateId(), task, java.sql.Timestamp.from(Instant.parse(r.timestamp())));
                }
                if (i % 5000 == 4999) {
                    flush(event, published, leaf, model);
                }
            }
            flush(event, published, leaf, model);
        }
        c.commit();
        c.setAutoCommit(true);
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, Ed25519Keys.generate(), Clock.systemUTC());
        new JdbcKeyHistory(c).makeCurrent(signer.verifier(), Instant.now());
        signer.signLatest(memory, new JdbcCheckpointStore(c));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void bind(PreparedStatement s, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
        s.addBatch();
    }

    private static void flush(PreparedStatement... statements) throws Exception {
        for (PreparedStatement s : statements) {
            s.executeBatch();
        }
    }
}
