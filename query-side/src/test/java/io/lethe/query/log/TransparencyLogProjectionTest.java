package io.lethe.query.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lethe.api.events.EventEnvelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TransparencyLogProjectionTest {

    private final TransparencyLogProjection projection = new TransparencyLogProjection();

    @BeforeEach
    void emptyLog() throws Exception {
        TestDatabase.truncateLogTables();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE query.log_pending");
        }
    }

    @Test
    void eventsDeliveredOutOfOrderAreLoggedInLeafIndexOrder() throws Exception {
        List<EventEnvelope> events = events(200);
        List<EventEnvelope> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(42));

        for (EventEnvelope event : shuffled) {
            applyInOwnTransaction(event);
        }

        try (Connection c = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(c));
            assertThat(log.size()).isEqualTo(200);
            assertThat(log.entries(0, 200)).extracting(LeafEntry::eventId)
                    .containsExactlyElementsOf(events.stream().map(EventEnvelope::eventId).toList());
            assertThat(log.entries(17, 18).get(0).leafInput()).isEqualTo(events.get(17).leafInput());
            MerkleLog reference = new MerkleLog(new InMemoryNodeStore());
            events.forEach(e -> reference.append(new NewLeaf(e.leafInput(), e.eventId(), e.eventType())));
            assertThat(log.root(200)).isEqualTo(reference.root(200));
            assertThat(pending(c)).isZero();
        }
    }

    @Test
    void batchesDeliveredOutOfOrderGiveTheSameLogAsEventByEvent() throws Exception {
        List<EventEnvelope> events = events(300);
        List<EventEnvelope> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        Random sizes = new Random(11);
        for (int from = 0; from < shuffled.size(); ) {
            int to = Math.min(shuffled.size(), from + 1 + sizes.nextInt(40));
            List<EventEnvelope> batch = shuffled.subList(from, to);
            try (Connection c = TestDatabase.dataSource().getConnection()) {
                c.setAutoCommit(false);
                projection.applyAll(batch, c);
                c.commit();
            }
            from = to;
        }

        try (Connection c = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(c));
            assertThat(log.size()).isEqualTo(300);
            assertThat(log.entries(0, 300)).extracting(LeafEntry::eventId)
                    .containsExactlyElementsOf(events.stream().map(EventEnvelope::eventId).toList());
            MerkleLog reference = new MerkleLog(new InMemoryNodeStore());
            events.forEach(e -> reference.append(new NewLeaf(e.leafInput(), e.eventId(), e.eventType())));
            assertThat(log.root(300)).isEqualTo(reference.root(300));
            assertThat(log.root(137)).isEqualTo(reference.root(137));
            assertThat(pending(c)).isZero();
        }
    }

    @Test
    void anEarlyEventWaitsUntilTheGapIsFilled() throws Exception {
        List<EventEnvelope> events = events(3);
        applyInOwnTransaction(events.get(2));
        applyInOwnTransaction(events.get(1));
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            assertThat(new MerkleLog(new JdbcNodeStore(c)).size()).isZero();
            assertThat(pending(c)).isEqualTo(2);
        }
        applyInOwnTransaction(events.get(0));
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            assertThat(new MerkleLog(new JdbcNodeStore(c)).size()).isEqualTo(3);
            assertThat(pending(c)).isZero();
        }
    }

    private void applyInOwnTransaction(EventEnvelope event) throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            c.setAutoCommit(false);
            projection.apply(event, c);
            c.commit();
        }
    }

    private static long pending(Connection c) throws Exception {
        try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT count(*) FROM query.log_pending")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<EventEnvelope> events(int count) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new EventEnvelope("event-" + i, "lethe.ModelRegistered", "Model", "model-" + (i % 7), i / 7,
                    Instant.ofEpochMilli(1_700_000_000_000L + i), JsonNodeFactory.instance.objectNode().put("n", i), i));
        }
        return events;
    }
}
