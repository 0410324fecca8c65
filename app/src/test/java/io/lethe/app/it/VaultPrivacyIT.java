package io.lethe.app.it;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.crypto.vault.SealedRecord;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.producer.LetheProducer;
import io.lethe.producer.PersonalRecord;
import io.lethe.producer.SubjectKeyClient;
import io.lethe.command.vault.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Crypto-shredding as an auditor would check it: after an ingest, the raw bytes of the event store,
 * the projections and the vault hold neither the subject id nor the payload; after shredding, the
 * subject's key is gone and its sealed records can no longer be opened, while events stay.
 */
@ExtendWith(LetheInfrastructureExtension.class)
class VaultPrivacyIT {

    @Test
    void noPlaintextSubjectOrPayloadIsStoredAndShreddingMakesRecordsUnreadable(Infrastructure infra) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String subject = "alice-" + run + "@example.org";
        String marker = "PAYLOAD-MARKER-" + run;
        byte[] raw = (marker + " raw face bytes").getBytes(StandardCharsets.UTF_8);
        String payload = Base64.getEncoder().encodeToString(raw);
        LedgerSecret secret = LedgerSecret.generate();
        try (LetheNode node = LetheNode.start(infra, Map.of(), 0, "t", secret);
             LetheProducer producer = new LetheProducer(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()),
                     new SubjectKeyClient(URI.create("http://127.0.0.1:" + node.httpPort()), "t"), "privacy-it");
             HikariDataSource db = ServiceSettings.dataSource(infra, "privacy-it", 2)) {
            String commandId = producer.ingest("ingest-" + run, "private-" + run,
                    List.of(new PersonalRecord("rec-" + run, subject, subject, raw)));
            assertThat(producer.awaitReply(commandId, Duration.ofSeconds(60)).isAccepted()).isTrue();
            String commitment = secret.recordCommitment("rec-" + run);
            String pseudonym = secret.subjectPseudonym(subject);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT count(*) FROM query.record_subjects"
                    + " WHERE commitment = '" + commitment + "'") == 1);

            byte[] everything = dump(db);
            assertThat(contains(everything, subject)).as("subject id in storage").isFalse();
            assertThat(contains(everything, marker)).as("payload in storage").isFalse();
            assertThat(contains(everything, payload)).as("base64 payload in storage").isFalse();
            assertThat(contains(everything, pseudonym)).as("the pseudonym is what is stored").isTrue();

            SealedRecord sealed = sealedRecord(db, commitment);
            byte[] key = subjectKey(db, pseudonym);
            assertThat(new String(RecordSealing.open(key, commitment, sealed).payload(), StandardCharsets.UTF_8))
                    .startsWith(marker);

            try (Connection c = db.getConnection()) {
                new Vault(() -> c).shred(pseudonym, "test erasure " + run);
            }
            assertThat(count(db, "SELECT count(*) FROM vault.subject_keys WHERE subject_pseudonym = '" + pseudonym + "'"))
                    .isZero();
            assertThat(count(db, "SELECT count(*) FROM vault.records WHERE commitment = '" + commitment + "'")).isOne();
            assertThatThrownBy(() -> RecordSealing.open(RecordSealing.newSubjectKey(), commitment, sealed))
                    .isInstanceOf(IllegalStateException.class);
            byte[] afterShredding = dump(db);
            assertThat(contains(afterShredding, marker)).isFalse();
            assertThat(contains(afterShredding, subject)).isFalse();
        }
    }

    /** Every byte of every column of the event store, projections and vault tables. */
    private static byte[] dump(HikariDataSource db) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> tables = List.of("events.domainevententry", "events.snapshotevententry", "events.publication_log",
                "vault.records", "vault.subject_keys", "query.models", "query.record_subjects", "query.log_leaves",
                "query.model_versions", "query.processed_events");
        try (Connection c = db.getConnection()) {
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] bytes = rs.getBytes(i);
                            if (bytes != null) {
                                all.write(bytes);
                            }
                        }
                    }
                }
            }
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static SealedRecord sealedRecord(HikariDataSource db, String commitment) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT nonce, ciphertext FROM vault.records WHERE commitment = ?")) {
            s.setString(1, commitment);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new SealedRecord(rs.getBytes(1), rs.getBytes(2));
            }
        }
    }

    private static byte[] subjectKey(HikariDataSource db, String pseudonym) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT aes_key FROM vault.subject_keys WHERE subject_pseudonym = ?")) {
            s.setString(1, pseudonym);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static long count(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
