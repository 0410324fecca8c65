package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.commands.Task;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.samples.BundledSamples;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.crypto.vault.SealedRecord;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.migrations.Migrations;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the worker ITs share: a migrated database, sealed ORL faces in the vault (as the command side
 * writes them), jobs as the command side publishes them, and the CompleteJob results read back.
 */
final class WorkerFixture {

    static final LedgerSecret SECRET = LedgerSecret.of("worker-it-ledger-secret-32-bytes!!".getBytes());

    private WorkerFixture() {
    }

    static HikariDataSource migratedDatabase(Infrastructure infrastructure) {
        LetheNode.createTopics(infrastructure);
        HikariDataSource db = ServiceSettings.dataSource(infrastructure, "worker-it", 3);
        Migrations.migrate(db);
        return db;
    }

    /** Seals images 1..images of ORL subjects {@code from..to}; returns the sorted commitments. */
    static List<String> sealFaces(HikariDataSource db, String namespace, int from, int to, int images)
            throws SQLException {
        List<String> commitments = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            for (int subject = from; subject <= to; subject++) {
                String pseudonym = SECRET.subjectPseudonym(namespace + "/s" + subject);
                byte[] key = RecordSealing.newSubjectKey();
                update(c, "INSERT INTO vault.subject_keys (subject_pseudonym, aes_key) VALUES (?, ?)", pseudonym, key);
                for (int i = 1; i <= images; i++) {
                    String commitment = SECRET.recordCommitment(namespace + "/s" + subject + "/" + i);
                    byte[] payload = BundledSamples.read("orl:s" + subject + "/" + i + ".pgm").orElseThrow();
                    SealedRecord sealed = RecordSealing.seal(key, commitment,
                            new RecordSealing.OpenRecord("s" + subject, payload));
                    update(c, "INSERT INTO vault.records (commitment, dataset, subject_pseudonym, label_pseudonym, "
                                    + "nonce, ciphertext) VALUES (?, 'orl', ?, ?, ?, ?)", commitment, pseudonym,
                            SECRET.labelPseudonym("orl", "s" + subject), sealed.nonce(), sealed.ciphertext());
                    commitments.add(commitment);
                }
            }
        }
        return commitments.stream().sorted().toList();
    }

    static Component backbone(List<String> commitments) {
        return new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, 7, commitments, null);
    }

    static Component branch(String id, long seed, List<String> commitments) {
        return new Component(id, ComponentKind.BRANCH, 6, seed, commitments.stream().sorted().toList(), null);
    }

    static Job job(String model, JobType type, int version, List<Component> components, List<String> trained,
                   ForgetPlan forget) {
        return new Job(model + ":v" + version, model, Task.FACE, "paper-180nm", type, version, version - 1,
                components, trained, forget);
    }

    static Job exactForget(String model, int version, List<String> forgotten, List<Component> components,
                           List<String> retrained) {
        return job(model, JobType.FORGET, version, components, retrained,
                new ForgetPlan(Guarantee.EXACT, forgotten.stream().sorted().toList(), retrained));
    }

    static void publish(KafkaTestClient kafka, Job job) throws Exception {
        kafka.send(Topics.JOBS, job.modelId(), Json.mapper().writeValueAsBytes(job));
    }

    /** CompleteJob results on lethe.commands, in order, for job ids matching {@code jobs}. */
    static List<CloudEvent> results(List<ConsumerRecord<String, byte[]>> read, Predicate<String> jobs) {
        List<CloudEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : read) {
            CloudEvent e;
            try {
                e = CloudEventCodec.parse(r.value(), 1 << 20);
            } catch (RuntimeException notACloudEvent) {
                continue;
            }
            if ("lethe.CompleteJob".equals(e.type()) && jobs.test(e.data().path("jobId").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    static Map<String, String> digests(JsonNode result) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        result.get("components").forEach(c -> d.put(c.get("componentId").asText(), c.get("weightsDigest").asText()));
        return d;
    }

    static long count(HikariDataSource db, String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
