package io.lethe.app.bench;

import io.lethe.api.Topics;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.app.StructuredCloudEvents;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.producer.SubjectKey;
import io.lethe.producer.SubjectKeyClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Light commands end to end: {@code IngestRecords} of one record each, produced to Kafka, until every
 * reply is back on {@code lethe.command-results}; against raw JDBC batch inserts of the same number
 * of rows (commitment, subject, sealed bytes) into the same PostgreSQL, in the same run.
 */
public final class IngestBench {

    private static final int PAYLOAD_BYTES = 64;
    private static final int JDBC_BATCH = 500;

    private final Infrastructure infrastructure;
    private final DataSource dataSource;
    private final SubjectKeyClient keys;

    public IngestBench(Infrastructure infrastructure, DataSource dataSource, SubjectKeyClient keys) {
        this.infrastructure = infrastructure;
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** Against raw JDBC batch inserts of the same rows, and against raw Kafka produce+consume of as many records. */
    public List<BenchResult> run(int commands) throws Exception {
        Latencies latencies = new Latencies();
        Throughput lethe = commandsPerSecond(commands, latencies);
        double raw = rawInsertsPerSecond(commands);
        RawKafkaBench.Outcome kafka = new RawKafkaBench(infrastructure).run(commands);
        Map<String, Double> details = new java.util.LinkedHashMap<>();
        details.put("commands", (double) commands);
        details.put("projectedPerSecond", lethe.projected());
        details.put("p50CommandToReplyMillis", latencies.percentile(50));
        details.put("p99CommandToReplyMillis", latencies.percentile(99));
        details.put("rawKafkaP50Millis", kafka.p50Millis());
        details.put("rawKafkaP99Millis", kafka.p99Millis());
        return List.of(
                new BenchResult("ingest-one-record-commands", "commands/s", lethe.answered(), "raw JDBC batch inserts (rows/s)",
                        raw, details),
                new BenchResult("ingest-vs-raw-kafka", "commands/s", lethe.answered(), "raw Kafka produce+consume (records/s)",
                        kafka.perSecond(), Map.of()));
    }

    /** Commands answered per second, and per second until the query side had projected every one. */
    private record Throughput(double answered, double projected) {
    }

    private Throughput commandsPerSecond(int commands, Latencies latencies) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> sentAt = new java.util.HashMap<>();
        Set<String> waiting = new HashSet<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) {
            String id = "bench-" + run + "-" + i;
            waiting.add(id);
            records.add(StructuredCloudEvents.record(Topics.COMMANDS, "bench", ingest(id, run, i, keys)));
        }
        try (KafkaConsumer<String, byte[]> replies = repliesConsumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            for (ProducerRecord<String, byte[]> record : records) {
                sentAt.put(idOf(record), System.nanoTime());
                producer.send(record);
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
            awaitProjected("bench-" + run, commands, deadline);
            return new Throughput(answered, commands / ((System.nanoTime() - start) / 1e9));
        }
    }

    /** Until the query side knows every ingested record (its record_subjects row), polled every 20 ms. */
    private void awaitProjected(String dataset, int records, long deadline) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM query.record_subjects WHERE dataset = ?")) {
            s.setString(1, dataset);
            while (System.nanoTime() < deadline) {
                try (var rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= records) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the query side did not project " + records + " records within 5 minutes");
    }

    private static String idOf(ProducerRecord<String, byte[]> record) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        int start = json.indexOf("\"id\":\"") + 6;
        return json.substring(start, json.indexOf('"', start));
    }

    /** One record sealed as the producer library seals it (outside the timed part): the path personal data takes. */
    private static byte[] ingest(String id, String run, int i, SubjectKeyClient keys) {
        byte[] payload = ("bench-" + i + "-").repeat(8).substring(0, PAYLOAD_BYTES).getBytes(StandardCharsets.US_ASCII);
        SubjectKey key = keys.keyOf("subject-" + (i % 100) + "-" + run);
        String sealed = Base64.getEncoder().encodeToString(ProducerSeal.seal(key.key(), id, key.subjectPseudonym(),
                new RecordSealing.OpenRecord("l" + (i % 10), payload)));
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"bench\",\"type\":\"lethe.IngestRecords\","
                + "\"data\":{\"dataset\":\"bench-" + run + "\",\"records\":[{\"recordId\":\"" + id + "\","
                + "\"subjectPseudonym\":\"" + key.subjectPseudonym() + "\",\"sealed\":\"" + sealed + "\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The baseline: the rows alone, written as fast as JDBC batching allows. */
    private double rawInsertsPerSecond(int rows) throws SQLException {
        String table = "bench_raw_" + UUID.randomUUID().toString().replace("-", "");
        byte[] sealed = new byte[PAYLOAD_BYTES + 28];
        new SecureRandom().nextBytes(sealed);
        try (Connection c = dataSource.getConnection()) {
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

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.putAll(ServiceSettings.kafka(infrastructure, Map.of()));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> repliesConsumer() {
        Properties p = new Properties();
        p.putAll(ServiceSettings.kafka(infrastructure, Map.of()));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        // Assigned, not subscribed: positioned at the end before the first command is sent.
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
