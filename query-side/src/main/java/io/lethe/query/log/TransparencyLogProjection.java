package io.lethe.query.log;

import io.lethe.api.events.EventEnvelope;
import io.lethe.query.consume.EventProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Appends every event to the transparency log at its {@link EventEnvelope#transparencyIndex()}, in the
 * transaction that marks the event processed. Events come from several partitions, so they arrive out of global
 * order: an event ahead of the log's size is parked in {@code query.log_pending}, and the event that fills the gap
 * appends itself and then the contiguous run of parked leaves behind it. The log therefore only ever grows by its
 * next index, and a leaf is in the log if and only if its event was processed and all its predecessors were too.
 */
public final class TransparencyLogProjection implements EventProjection {

    private static final Logger LOG = LoggerFactory.getLogger(TransparencyLogProjection.class);

    @Override
    public void apply(EventEnvelope event, Connection connection) throws SQLException {
        applyAll(List.of(event), connection);
    }

    /**
     * A batch at once: one lock, one read of the log's size and of whether any leaf is parked, the run that
     * continues the log appended in one go (each tree node written once instead of once per leaf), the rest parked,
     * then the drain, which is skipped when no leaf is parked: five round trips for an in-order batch (lock,
     * position, frontier, leaves, nodes) where there were eight.
     */
    @Override
    public void applyAll(List<EventEnvelope> events, Connection connection) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        // Held until commit: the size read, the park-or-append decision and the drain must not interleave with
        // another consumer instance doing the same (advisory locks are re-entrant, so MerkleLog's own take is fine).
        lock(connection);
        MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
        Position position = position(connection);
        long size = position.size();
        long next = size;
        List<NewLeaf> run = new ArrayList<>();
        List<PendingLeaves.Parked> early = new ArrayList<>();
        List<EventEnvelope> byIndex = new ArrayList<>(events);
        byIndex.sort(Comparator.comparingLong(EventEnvelope::transparencyIndex));
        for (EventEnvelope event : byIndex) {
            long index = event.transparencyIndex();
            NewLeaf leaf = new NewLeaf(event.leafInput(), event.eventId(), event.eventType());
            if (index < size) {
                // processed_events already filters redeliveries; this only happens if that table was reset alone.
                LOG.warn("event {} has leaf index {} but the log already holds {} leaves; not appended again",
                        event.eventId(), index, size);
            } else if (index == next) {
                run.add(leaf);
                next++;
            } else {
                early.add(new PendingLeaves.Parked(index, leaf));
            }
        }
        PendingLeaves.parkAll(connection, early);
        if (!run.isEmpty()) {
            log.appendLocked(size, run);
            if (position.parked() || !early.isEmpty()) {
                drain(connection, log, next);
            }
        }
    }

    /** The log's size and whether any leaf is parked, read under the append lock. */
    private record Position(long size, boolean parked) {
    }

    private static Position position(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT (" + JdbcNodeStore.SIZE + "),"
                + " EXISTS (SELECT 1 FROM query.log_pending)");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return new Position(rows.getLong(1), rows.getBoolean(2));
        }
    }

    private static void drain(Connection connection, MerkleLog log, long next) throws SQLException {
        List<NewLeaf> run = PendingLeaves.contiguousFrom(connection, next);
        while (!run.isEmpty()) {
            log.appendLocked(next, run);
            PendingLeaves.remove(connection, next, next + run.size());
            next += run.size();
            run = PendingLeaves.contiguousFrom(connection, next);
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, JdbcNodeStore.APPEND_LOCK_KEY);
            s.execute();
        }
    }
}
