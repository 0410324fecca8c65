package io.lethe.app.verify;

import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.migrations.Migrations;
import io.lethe.query.log.TransparencyLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReplayVerifier} on a real PostgreSQL holding many batches of events (the leaves are recomputed on worker
 * threads, batch by batch): a tampered row deep in the log is still named by its leaf, and the order of the checks
 * survives the pipeline. The full stack's tamper cases are {@code TransparencyLogIT}'s.
 */
class ReplayVerifierIT {

    private static final int EVENTS = 20 * LeafPipeline.BATCH + 3;
    private static final int DEEP = 15 * LeafPipeline.BATCH + 1;
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
        rows = ReplayVerifyBench.rows(EVENTS, new Random(11));
        try (Connection c = connect()) {
            ReplayVerifyBench.populate(c, rows);
        }
    }

    @AfterAll
    static void stop() {
        postgres.stop();
    }

    @Test
    void anUntouchedLogOfManyBatchesVerifies() throws Exception {
        try (Connection c = connect()) {
            VerifyReport report = ReplayVerifier.verify(c, OPTIONS);
            assertThat(report.failures()).isEmpty();
            assertThat(report.events()).isEqualTo(EVENTS);
            assertThat(report.storedLeaves()).isEqualTo(EVENTS);
            assertThat(report.checkpoints()).isEqualTo(1);
            assertThat(report.models()).isEqualTo((EVENTS + 3) / 4);
        }
    }

    @Test
    void aChangedEventDeepInTheLogIsNamedByItsLeaf() throws Exception {
        String id = rows.get(DEEP).eventId();
        List<String> failures = tampered("UPDATE events.domainevententry SET payload = convert_to(replace("
                + "convert_from(payload, 'UTF8'), 'paper-180nm', 'paper-181nm'), 'UTF8') WHERE eventidentifier = '"
                + id + "'");
        assertThat(failures.get(0)).startsWith("leaf " + DEEP + " (event " + id + ")").contains("does not match");
        assertThat(failures).anyMatch(f -> f.startsWith("signed checkpoint at size " + EVENTS));
    }

    @Test
    void aDeletedEventIsNamedAsMissingAndTheLaterLeavesStillCompare() throws Exception {
        String id = rows.get(DEEP).eventId();
        List<String> failures = tampered("DELETE FROM events.domainevententry WHERE eventidentifier = '" + id + "'");
        assertThat(failures.get(0)).startsWith("leaf " + DEEP + " (event " + id + ")").contains("missing");
        assertThat(failures).noneMatch(f -> f.startsWith("leaf " + (DEEP + 1)));
    }

    @Test
    void anEventNotYetLoggedIsCountedAsUnpublishedNotAFailure() throws Exception {
        VerifyReport report = verifiedAfter("INSERT INTO events.domainevententry (globalindex, aggregateidentifier,"
                + " sequencenumber, type, eventidentifier, payload, payloadtype, timestamp) SELECT globalindex + "
                + EVENTS + ", aggregateidentifier || '-new', sequencenumber, type, eventidentifier || '-new', payload,"
                + " payloadtype, timestamp FROM events.domainevententry WHERE globalindex = 1");
        assertThat(report.failures()).isEmpty();
        assertThat(report.unpublished()).isEqualTo(1);
    }

    /** Early (the log not yet read to its end when the replay stops) and deep in the log. */
    @ParameterizedTest
    @ValueSource(ints = {1, DEEP})
    void aGapInThePublicationLogStopsTheReplayThere(int gap) throws Exception {
        VerifyReport report = verifiedAfter("DELETE FROM events.publication_log WHERE leaf_index = " + gap);
        assertThat(report.unpublished()).isEqualTo(1);
        assertThat(report.failures().get(0)).startsWith("leaf " + gap + " is missing from events.publication_log")
                .contains("replay stopped");
        assertThat(report.failures()).anyMatch(f -> f.contains("covers more leaves than the event store's " + gap));
    }

    @Test
    void anEventWhoseDataIsNotItsTypeIsAFindingNotACrash() throws Exception {
        String id = rows.get(DEEP).eventId();
        String where = "', 'UTF8') WHERE eventidentifier = '" + id + "'";
        String leaf = "leaf " + DEEP + " (event " + id + ")";
        assertThat(tampered("UPDATE events.domainevententry SET payload = convert_to('"
                + "{\"modelId\":\"m\",\"task\":\"no-such-task\",\"preset\":\"p\"}" + where).get(0))
                .startsWith(leaf).contains("does not read as a lethe.ModelRegistered");
        assertThat(tampered("UPDATE events.domainevententry SET payload = convert_to('{\"x\":1}" + where).get(0))
                .startsWith(leaf).contains("cannot be replayed");
    }

    /** Runs {@code tamper} in a transaction, verifies inside it, rolls back; returns the failures. */
    private static List<String> tampered(String tamper) throws SQLException {
        VerifyReport report = verifiedAfter(tamper);
        assertThat(report.ok()).as(tamper).isFalse();
        return report.failures();
    }

    /** Runs {@code change} in a transaction, verifies inside it, rolls back. */
    private static VerifyReport verifiedAfter(String change) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                c.createStatement().executeUpdate(change);
                return ReplayVerifier.verify(c, OPTIONS);
            } finally {
                c.rollback();
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl() + "?reWriteBatchedInserts=true", postgres.user(),
                postgres.password());
    }
}
