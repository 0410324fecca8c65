package io.lethe.app.bench;

import io.lethe.api.Topics;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Ingests end to end: {@code IngestRecords} commands produced to Kafka all at once, until every reply is
 * back on {@code lethe.command-results} and every record is projected; against raw JDBC batch inserts of
 * the same number of rows (commitment, subject, sealed bytes) into the same PostgreSQL, and raw Kafka
 * produce+consume of as many records, in the same run. Light commands carry one record; bulk ones 1,000.
 */
public final class IngestBench {

    private static final int JDBC_BATCH = 500;
    /** How many commands' first records one projection poll looks up at most. */
    private static final int PROBES = 64;

    private final BenchTarget target;

    public IngestBench(BenchTarget target) {
        this.target = target;
    }

    /** One-record commands, against raw JDBC batch inserts of the same rows and raw Kafka produce+consume. */
    public List<BenchResult> run(int commands) throws Exception {
        StageTimes.Scrape before = target.stages().scrape();
        Map<String, Long> cpuBefore = target.cpu().sample();
        Map<String, Double> statementsBefore = target.statements().sample();
        Outcome lethe = sendAll(BenchCommands.of(target.keys(), target.secret(), commands, 1));
        StageTimes.Scrape after = target.stages().scrape();
        Map<String, Long> cpuAfter = target.cpu().sample();
        Map<String, Double> statementsAfter = target.statements().sample();
        Map<String, Long> cpuBeforeJdbc = target.cpu().sample();
        double raw = rawInsertsPerSecond(commands);
        Map<String, Long> cpuBeforeKafka = target.cpu().sample();
        RawKafkaBench.Outcome kafka = new RawKafkaBench(target.infrastructure()).run(commands);
        Map<String, Long> cpuAfterKafka = target.cpu().sample();
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("commands", (double) commands);
        details.put("projectedPerSecond", lethe.projectedPerSecond());
        details.put("p50CommandToReplyMillis", lethe.latencies().percentile(50));
        details.put("p99CommandToReplyMillis", lethe.latencies().percentile(99));
        details.put("rawKafkaP50Millis", kafka.p50Millis());
        details.put("rawKafkaP99Millis", kafka.p99Millis());
        details.putAll(StageTimes.perCommand(before, after, commands));
        details.putAll(CpuTimes.perCommand(cpuBefore, cpuAfter, commands));
        details.putAll(PostgresStatements.perCommand(statementsBefore, statementsAfter, commands));
        // The baselines' CPU per row and per record, measured the same way: ratios that other load barely moves.
        details.put("rawJdbcCpuMicrosPerRow", CpuTimes.perCommand(cpuBeforeJdbc, cpuBeforeKafka, commands)
                .get("cpuMicrosPerCommand.total"));
        details.put("rawKafkaCpuMicrosPerRecord", CpuTimes.perCommand(cpuBeforeKafka, cpuAfterKafka, commands)
                .get("cpuMicrosPerCommand.total"));
        return List.of(
                new BenchResult("ingest-one-record-commands", "commands/s", lethe.answeredPerSecond(),
                        "raw JDBC batch inserts (rows/s)", raw, details),
                new BenchResult("ingest-vs-raw-kafka", "commands/s", lethe.answeredPerSecond(),
                        "raw Kafka produce+consume (records/s)", kafka.perSecond(), Map.of()),
                new BenchResult("projected-vs-raw-kafka", "commands/s", lethe.projectedPerSecond(),
                        "raw Kafka produce+consume (records/s)", kafka.perSecond(), Map.of()));
    }

    /** Commands of {@code recordsPerCommand} records: records per second, against raw inserts of as many rows. */
    public List<BenchResult> runBulk(int commands, int recordsPerCommand) throws Exception {
        BenchCommands.Run run = BenchCommands.of(target.keys(), target.secret(), commands, recordsPerCommand);
        StageTimes.Scrape before = target.stages().scrape();
        Map<String, Long> cpuBefore = target.cpu().sample();
        Map<String, Double> statementsBefore = target.statements().sample();
        Outcome lethe = sendAll(run);
        StageTimes.Scrape after = target.stages().scrape();
        Map<String, Long> cpuAfter = target.cpu().sample();
        Map<String, Double> statementsAfter = target.statements().sample();
        int rows = run.recordCount();
        double raw = rawInsertsPerSecond(rows);
        Map<String, Long> cpuAfterJdbc = target.cpu().sample();
        double vaultRows = rawVaultRowsPerSecond(rows);
        Map<String, Long> cpuAfterVaultRows = target.cpu().sample();
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("commands", (double) commands);
        details.put("recordsPerCommand", (double) recordsPerCommand);
        details.put("projectedRecordsPerSecond", lethe.projectedPerSecond() * recordsPerCommand);
        details.put("p50CommandToReplyMillis", lethe.latencies().percentile(50));
        details.put("p99CommandToReplyMillis", lethe.latencies().percentile(99));
        details.putAll(StageTimes.perCommand(before, after, commands));
        details.putAll(CpuTimes.perCommand(cpuBefore, cpuAfter, commands));
        details.putAll(PostgresStatements.perCommand(statementsBefore, statementsAfter, commands));
        details.put("rawJdbcCpuMicrosPerRow", CpuTimes.perCommand(cpuAfter, cpuAfterJdbc, rows)
                .get("cpuMicrosPerCommand.total"));
        details.put("rawVaultRowsCpuMicrosPerRow", CpuTimes.perCommand(cpuAfterJdbc, cpuAfterVaultRows, rows)
                .get("cpuMicrosPerCommand.total"));
        double records = lethe.answeredPerSecond() * recordsPerCommand;
        return List.of(new BenchResult("ingest-" + recordsPerCommand + "-record-commands", "records/s",
                        records, "raw JDBC batch inserts (rows/s)", raw, details),
                new BenchResult("ingest-" + recordsPerCommand + "-record-commands-vs-vault-rows", "records/s",
                        records, "raw JDBC batch inserts of vault rows into a logged table (rows/s)", vaultRows,
                        Map.of("rawVaultRowsCpuMicrosPerRow", details.get("rawVaultRowsCpuMicrosPerRow"))));
    }

    /** Commands answered per second, commands per second until the query side had projected every record. */
    private record Outcome(double answeredPerSecond, double projectedPerSecond, Latencies latencies) {
    }

    private Outcome sendAll(BenchCommands.Run run) throws Exception {
        int commands = run.ids().size();
        Map<String, Long> sentAt = new HashMap<>();
        Set<String> waiting = new HashSet<>(run.ids());
        Latencies latencies = new Latencies();
        try (KafkaConsumer<String, byte[]> replies = repliesConsumer(target.infrastructure());
             KafkaProducer<String, byte[]> producer = producer(target.infrastructure())) {
            long start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                sentAt.put(run.ids().get(i), System.nanoTime());
                producer.send(run.records().get(i));
            }
            producer.flush();
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> reply : replies.poll(Duration.ofMillis(20))) {
                    if (waiting.remove(reply.key())) {
                        latencies.add((System.nanoTime() - sentAt.get(reply.key())) / 1e6);
                    }
                }
            }
            if (!waiting.isEmpty()) {
                throw new IllegalStateException(waiting.size() + " commands got no reply within 5 minutes");
            }
            double answered = commands / ((System.nanoTime() - start) / 1e9);
            awaitProjected(run, deadline);
            return new Outcome(answered, commands / ((System.nanoTime() - start) / 1e9), latencies);
        }
    }

    /**
     * Until the query side knows every ingested record (its record_subjects row), polled every 20 ms. The
     * query side writes an ingest's rows in one transaction, so each command's first record stands for all of
     * them; a poll looks up those of the commands not yet seen by key, the latest sent first, at most
     * {@link #PROBES} at a time and only while every one it looked up was there. (Counting the dataset's rows
     * instead scanned the table at every poll, and looking up every command at every poll cost as much; either
     * way PostgreSQL's CPU for it was charged to the commands.) One count at the end checks every record.
     */
    private void awaitProjected(BenchCommands.Run run, long deadline) throws Exception {
        java.util.ArrayDeque<String> unseen = new java.util.ArrayDeque<>();
        run.commitments().forEach(ofCommand -> unseen.push(ofCommand.get(0)));
        try (Connection c = target.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT commitment FROM query.record_subjects WHERE commitment = ANY (?)")) {
            target.cpu().countAsBench(c);
            while (System.nanoTime() < deadline) {
                while (!unseen.isEmpty() && allSeen(c, s, unseen)) {
                    // every probe found its row: the next ones may be there too
                }
                if (unseen.isEmpty()) {
                    requireAllProjected(c, run);
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the query side did not project " + run.recordCount()
                + " records within 5 minutes");
    }

    /** Looks up the next {@link #PROBES} unseen commitments and drops those found; true when all were found. */
    private static boolean allSeen(Connection c, PreparedStatement s, java.util.ArrayDeque<String> unseen)
            throws SQLException {
        List<String> probe = new java.util.ArrayList<>();
        unseen.stream().limit(PROBES).forEach(probe::add);
        s.setArray(1, c.createArrayOf("varchar", probe.toArray()));
        Set<String> found = new HashSet<>();
        try (var rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        unseen.removeAll(found);
        return found.size() == probe.size();
    }

    private static void requireAllProjected(Connection c, BenchCommands.Run run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM query.record_subjects WHERE dataset = ?")) {
            s.setString(1, run.dataset());
            long projected = count(s);
            if (projected < run.recordCount()) {
                throw new IllegalStateException("every command's first record is projected, but only " + projected
                        + " of its " + run.recordCount() + " records");
            }
        }
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (var rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The baseline: the rows alone, written as fast as JDBC batching allows. */
    private double rawInsertsPerSecond(int rows) throws SQLException {
        String table = "bench_raw_" + UUID.randomUUID().toString().replace("-", "");
        byte[] sealed = new byte[BenchCommands.PAYLOAD_BYTES + 28];
        new SecureRandom().nextBytes(sealed);
        try (Connection c = target.dataSource().getConnection()) {
            c.createStatement().execute("CREATE TEMPORARY TABLE " + table + " (commitment VARCHAR(64) PRIMARY KEY,"
                    + " subject VARCHAR(64) NOT NULL, ciphertext BYTEA NOT NULL)");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    s.setString(1, "commitment-" + i);
                    s.setString(2, "subject-" + (i % 100));
                    s.setBytes(3, sealed);
                    s.addBatch();
                    if ((i + 1) % JDBC_BATCH == 0 || i == rows - 1) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            c.createStatement().execute("DROP TABLE " + table);
            return rate;
        }
    }

    /**
     * The fairer baseline for bulk ingests: the vault's own rows (its columns, sizes and indexes, copied from
     * {@code vault.records}) into an ordinary logged table, committed per JDBC batch, as Lethe's are. The
     * temporary table above writes no WAL and has one index; this one pays what every durable row does.
     */
    private double rawVaultRowsPerSecond(int rows) throws SQLException {
        String table = "bench_vault_rows_" + UUID.randomUUID().toString().replace("-", "");
        VaultRows shape = new VaultRows();
        try (Connection c = target.dataSource().getConnection()) {
            c.createStatement().execute("CREATE TABLE " + table + " (LIKE vault.records INCLUDING ALL)");
            try {
                c.setAutoCommit(false);
                long start = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (commitment, dataset,"
                        + " subject_pseudonym, label_pseudonym, nonce, ciphertext) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        shape.bind(s, i);
                        s.addBatch();
                        if ((i + 1) % JDBC_BATCH == 0 || i == rows - 1) {
                            s.executeBatch();
                            c.commit();
                        }
                    }
                }
                return rows / ((System.nanoTime() - start) / 1e9);
            } finally {
                c.setAutoCommit(true);
                c.createStatement().execute("DROP TABLE " + table);
            }
        }
    }

    /**
     * Rows shaped like the vault's for a bench record: 44-character base64 HMACs for the commitment and the
     * pseudonyms (100 subjects, 10 labels, as {@link BenchCommands}), a 12-byte nonce and the ciphertext of a
     * 2-character label and the payload with its length prefix and GCM tag.
     */
    private static final class VaultRows {
        private final SecureRandom random = new SecureRandom();
        private final String dataset = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        private final byte[] ciphertext = new byte[2 + 2 + BenchCommands.PAYLOAD_BYTES + 16];
        private final byte[] nonce = new byte[12];

        VaultRows() {
            random.nextBytes(ciphertext);
            random.nextBytes(nonce);
        }

        void bind(PreparedStatement s, int i) throws SQLException {
            s.setString(1, randomHmac());
            s.setString(2, dataset);
            s.setString(3, fixedHmac("subject", i % 100));
            s.setString(4, fixedHmac("label", i % 10));
            s.setBytes(5, nonce);
            s.setBytes(6, ciphertext);
        }

        private String randomHmac() {
            byte[] mac = new byte[32];
            random.nextBytes(mac);
            return java.util.Base64.getEncoder().encodeToString(mac);
        }

        private static String fixedHmac(String kind, int n) {
            byte[] mac = java.util.Arrays.copyOf((kind + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII), 32);
            return java.util.Base64.getEncoder().encodeToString(mac);
        }
    }

    static KafkaProducer<String, byte[]> producer(Infrastructure infrastructure) {
        Properties p = new Properties();
        p.putAll(ServiceSettings.kafka(infrastructure, Map.of()));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Assigned, not subscribed: positioned at the end of the replies before the first command is sent. */
    static KafkaConsumer<String, byte[]> repliesConsumer(Infrastructure infrastructure) {
        Properties p = new Properties();
        p.putAll(ServiceSettings.kafka(infrastructure, Map.of()));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
