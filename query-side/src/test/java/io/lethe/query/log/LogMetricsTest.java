package io.lethe.query.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lethe.api.events.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log's gauges read the stored log: its size, and the age of its latest checkpoint by the given clock. */
class LogMetricsTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void emptyLog() throws Exception {
        TestDatabase.truncateLogTables();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE query.log_pending");
        }
    }

    @Test
    void anEmptyLogHasSizeZeroAndNoCheckpointAge() {
        TransparencyLog log = open(SIGNED_AT);
        new LogMetrics(log, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).bindTo(registry);

        assertThat(gauge("lethe.log.tree.size")).isZero();
        assertThat(gauge("lethe.checkpoint.age")).isNaN();
        assertThat(gauge("lethe.log.unsigned.leaves")).isZero();
    }

    @Test
    void showTheTreeSizeTheSecondsSinceTheLatestCheckpointAndTheLeavesItDoesNotCover() throws Exception {
        TransparencyLog log = open(SIGNED_AT);
        append(5);
        log.signLatest();
        append(2);
        new LogMetrics(log, Clock.fixed(SIGNED_AT.plus(Duration.ofSeconds(90)), ZoneOffset.UTC)).bindTo(registry);

        assertThat(gauge("lethe.log.tree.size")).isEqualTo(7);
        assertThat(gauge("lethe.checkpoint.age")).isEqualTo(90.0);
        assertThat(gauge("lethe.log.unsigned.leaves")).isEqualTo(2);
    }

    private static TransparencyLog open(Instant now) {
        return TransparencyLog.open(TestDatabase.dataSource(), TransparencyLog.DEFAULT_ORIGIN, Ed25519Keys.generate(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static void append(int count) throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        long base = System.nanoTime();
        for (int i = 0; i < count; i++) {
            // The projection logs events by their transparency index: continue after what is stored.
            events.add(new EventEnvelope("metrics-" + base + "-" + i, "lethe.ModelRegistered", "Model", "model-1", i,
                    Instant.EPOCH, JsonNodeFactory.instance.objectNode().put("n", i), size() + i));
        }
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new TransparencyLogProjection().applyAll(events, c);
            c.commit();
        }
    }

    private static long size() throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            return new MerkleLog(new JdbcNodeStore(c)).size();
        }
    }
}
