package io.lethe.app.verify;

import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.migrations.Migrations;
import io.lethe.query.log.TransparencyLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log started before leaves were RFC 8785: its first leaves are in Lethe 0.2's encoding (numbers as Jackson
 * wrote them, {@code 1.0E-6}), the later ones in JCS ({@code 0.000001}), and the signed checkpoint covers both.
 * {@code lethe verify} must keep accepting it, and still name a changed event among the old leaves.
 */
class LegacyLeavesVerifyIT {

    private static final int EVENTS = 40;
    private static final int LEGACY = 25;
    private static final ReplayVerifier.Options OPTIONS = new ReplayVerifier.Options(TransparencyLog.DEFAULT_ORIGIN,
            Optional.empty(), 1000);

    @TempDir
    static Path dir;
    private static EmbeddedPostgresServer postgres;
    private static List<ReplayVerifyBench.Row> rows;

    @BeforeAll
    static void populate() throws Exception {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        Migrations.migrate(postgres.dataSource());
        // A fraction in every payload, so that the two encodings of every leaf differ.
        rows = ReplayVerifyBench.rows(EVENTS, new Random(3)).stream().map(r -> new ReplayVerifyBench.Row(r.eventId(),
                r.aggregateId(), r.sequence(), r.timestamp(), withScore(r.payload()))).toList();
        try (Connection c = connect()) {
            ReplayVerifyBench.populate(c, rows, index -> index < LEGACY);
        }
    }

    @AfterAll
    static void stop() {
        postgres.stop();
    }

    @Test
    void aLogWithLeavesInBothEncodingsVerifies() throws Exception {
        try (Connection c = connect()) {
            VerifyReport report = ReplayVerifier.verify(c, OPTIONS);
            assertThat(report.failures()).isEmpty();
            assertThat(report.storedLeaves()).isEqualTo(EVENTS);
            assertThat(report.legacyLeaves()).isEqualTo(LEGACY);
            assertThat(report.checkpoints()).isEqualTo(1);
        }
    }

    @Test
    void aChangedEventUnderALegacyLeafIsStillNamed() throws Exception {
        String id = rows.get(7).eventId();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE events.domainevententry SET payload = convert_to(replace(convert_from(payload,"
                        + " 'UTF8'), '1.0E-6', '2.0E-6'), 'UTF8') WHERE eventidentifier = '" + id + "'");
            }
            List<String> failures = ReplayVerifier.verify(c, OPTIONS).failures();
            c.rollback();
            assertThat(failures.get(0)).startsWith("leaf 7 (event " + id + ")").contains("does not match");
        }
    }

    private static byte[] withScore(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        return (json.substring(0, json.length() - 1) + ",\"score\":1.0E-6}").getBytes(StandardCharsets.UTF_8);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
