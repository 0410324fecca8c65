package io.lethe.app.verify;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.RootAccumulator;
import io.lethe.verifier.TrustedKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replay-based verification (issue 5, {@code lethe verify}): recomputes every leaf from the event store exactly as
 * the publisher builds it, the RFC 6962 roots at every signed checkpoint, and a fresh read model; then compares
 * them with the signed checkpoints, the query side's stored leaves and its tables. Reads one consistent snapshot:
 * give it a connection in a REPEATABLE READ transaction, or an auto-commit one and it opens (and rolls back) its own.
 */
public final class ReplayVerifier {

    /**
     * @param origin    the log's origin, also the signing keys' name in the key history {@code query.log_keys}
     * @param pinned    the keys to trust, obtained out of band ({@code --public-key}); when empty, the key history
     *                  stored in the database itself, which is nothing but the database's word
     * @param fetchSize rows per database round trip
     */
    public record Options(String origin, Optional<TrustedKeys> pinned, int fetchSize) {

        /** The default origin, the stored key history, 5000 rows per fetch. */
        public static Options defaults(String origin) {
            return new Options(origin, Optional.empty(), 5000);
        }

        /** The default origin, only the pinned keys, 5000 rows per fetch. */
        public static Options pinned(String origin, TrustedKeys keys) {
            return new Options(origin, Optional.of(keys), 5000);
        }
    }

    /**
     * Worker threads recomputing leaves; the calling thread, which reads the database and checks in leaf order,
     * recomputes too whenever it would wait, so it counts as the last core (more threads only contend on 2 cores).
     */
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private final Connection connection;
    private final Options options;
    private final Failures failures = new Failures();
    private final RootAccumulator roots = new RootAccumulator();
    private final ModelReplay models = new ModelReplay();
    private final VersionDigestReplay versions = new VersionDigestReplay();
    private long storedLeaves;
    private long legacyLeaves;

    private ReplayVerifier(Connection connection, Options options) {
        this.connection = connection;
        this.options = options;
    }

    /** Runs every check; never throws for a mismatch, only for a database that cannot be read. */
    public static VerifyReport verify(Connection connection, Options options) throws SQLException {
        if (!connection.getAutoCommit()) {
            return new ReplayVerifier(connection, options).run();
        }
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return new ReplayVerifier(connection, options).run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private VerifyReport run() throws SQLException {
        long began = System.nanoTime();
        List<Checkpoint> checkpoints = checkpoints();
        long unpublished;
        try (EventStoreCursor events = new EventStoreCursor(connection, options.fetchSize());
             StoredLeafCursor stored = new StoredLeafCursor(connection, options.fetchSize());
             LeafPipeline leaves = new LeafPipeline(events, payloadsRead(), THREADS)) {
            replay(leaves, stored, checkpoints.iterator());
            unpublished = unpublishedEvents(events);
        }
        int modelRows = models.compare(connection, storedLeaves, failures);
        versions.compare(connection, failures);
        return new VerifyReport(roots.size(), storedLeaves, legacyLeaves, checkpoints.size(), modelRows, unpublished,
                System.nanoTime() - began, failures.list());
    }

    private List<Checkpoint> checkpoints() throws SQLException {
        Optional<TrustedKeys> keys = options.pinned().isPresent() ? options.pinned()
                : SignedCheckpoints.keyHistory(connection, options.origin());
        if (keys.isEmpty()) {
            failures.add("no signing key named " + options.origin() + " in query.log_keys: checkpoints unchecked");
            return List.of();
        }
        return SignedCheckpoints.load(connection, keys.get(), options.origin(), failures);
    }

    /** The event types whose payloads the model and version replays read back as records. */
    private static Set<String> payloadsRead() {
        return Set.of(ModelReplay.READS, VersionDigestReplay.READS);
    }

    /**
     * Walks the recomputed leaves and the stored leaves in lockstep, in leaf order: comparison, roots, checkpoints
     * and the model and version replays run here; the leaves themselves are recomputed ahead on worker threads.
     */
    private void replay(LeafPipeline leaves, StoredLeafCursor stored, Iterator<Checkpoint> checkpoints)
            throws SQLException {
        Checkpoint next = checkRootsUpTo(checkpoints, checkpoints.hasNext() ? checkpoints.next() : null);
        StoredLeafCursor.Leaf storedLeaf = stored.next();
        for (EventStoreCursor.Row row = leaves.next(); row != null; row = leaves.next()) {
            if (row.index() != roots.size()) {
                failures.add("leaf " + roots.size() + " is missing from events.publication_log (the next"
                        + " recorded leaf is " + row.index() + ", event " + row.eventId() + "); replay stopped");
                break;
            }
            byte[] leafInput = leafInput(row);
            // A missing event still takes its index, so later leaves and checkpoints are checked in place.
            byte[] leafHash = leafInput == null ? new byte[Rfc6962.HASH_SIZE] : row.leafHash();
            if (storedLeaf != null && storedLeaf.index() == row.index()) {
                leafHash = compare(row, leafInput, storedLeaf, leafHash);
                storedLeaf = stored.next();
            }
            roots.add(leafHash);
            next = checkRootsUpTo(checkpoints, next);
        }
        reportLeftovers(storedLeaf, stored, next, checkpoints);
    }

    private byte[] leafInput(EventStoreCursor.Row row) {
        String leaf = "leaf " + row.index() + " (event " + row.eventId() + "): ";
        if (row.problem() != null) {
            failures.add(leaf + row.problem());
        }
        if (row.envelope() == null) {
            return null;
        }
        try {
            models.apply(row.envelope(), row.payload());
            versions.apply(row.envelope(), row.payload(), failures);
        } catch (RuntimeException e) {
            // Data that reads as its record but lacks what the projections need (a tampered row): a finding too.
            failures.add(leaf + "its data cannot be replayed into the read models: " + e);
        }
        return row.leafInput();
    }

    /**
     * Compares the recomputed leaf with the logged one; returns the leaf hash the log's root is made of. A leaf
     * logged by Lethe 0.2 is in its legacy encoding (see {@link io.lethe.api.events.EventEnvelope#legacyLeafInput}),
     * which its checkpoints cover: such a leaf counts when it is exactly that encoding of the replayed event.
     */
    private byte[] compare(EventStoreCursor.Row row, byte[] leafInput, StoredLeafCursor.Leaf storedLeaf,
                           byte[] leafHash) {
        storedLeaves++;
        if (leafInput == null) {
            return leafHash;
        }
        if (!storedLeaf.eventId().equals(row.eventId())) {
            failures.add("leaf " + row.index() + ": the log records event " + storedLeaf.eventId()
                    + " but the event store's leaf is event " + row.eventId());
            return leafHash;
        }
        byte[] hash = Arrays.equals(storedLeaf.leafInput(), leafInput) ? leafHash : legacyHash(row, storedLeaf);
        if (hash == null) {
            failures.add("leaf " + row.index() + " (event " + row.eventId() + "): the event in the event store"
                    + " does not match the logged leaf (its row was changed after it was logged)");
            return leafHash;
        }
        if (!Arrays.equals(storedLeaf.leafHash(), hash)) {
            failures.add("leaf " + row.index() + " (event " + row.eventId() + "): the log's stored leaf hash is not"
                    + " the hash of its leaf input, so inclusion proofs served for it would not verify");
        }
        return hash;
    }

    /** The hash of the event's Lethe 0.2 leaf when that is what the log holds; {@code null} otherwise. */
    private byte[] legacyHash(EventStoreCursor.Row row, StoredLeafCursor.Leaf storedLeaf) {
        byte[] legacy = row.envelope().legacyLeafInput();
        if (!Arrays.equals(storedLeaf.leafInput(), legacy)) {
            return null;
        }
        legacyLeaves++;
        return Rfc6962.leafHash(legacy);
    }

    /** Checks every checkpoint at the current size; returns the first checkpoint beyond it. */
    private Checkpoint checkRootsUpTo(Iterator<Checkpoint> checkpoints, Checkpoint next) {
        while (next != null && next.treeSize() == roots.size()) {
            if (!Arrays.equals(next.rootHash(), roots.root())) {
                failures.add("signed checkpoint at size " + next.treeSize()
                        + ": its root differs from the root of the replayed events");
            }
            next = checkpoints.hasNext() ? checkpoints.next() : null;
        }
        return next;
    }

    private void reportLeftovers(StoredLeafCursor.Leaf storedLeaf, StoredLeafCursor stored, Checkpoint next,
                                 Iterator<Checkpoint> checkpoints) throws SQLException {
        if (storedLeaf != null) {
            failures.add("the log has leaf " + storedLeaf.index() + " (event " + storedLeaf.eventId()
                    + ") but the event store has no event for it");
            for (StoredLeafCursor.Leaf extra = storedLeaf; extra != null; extra = stored.next()) {
                storedLeaves++;
            }
        }
        for (Checkpoint c = next; c != null; c = checkpoints.hasNext() ? checkpoints.next() : null) {
            failures.add("signed checkpoint at size " + c.treeSize() + " covers more leaves than the event store's "
                    + roots.size());
        }
    }

    /**
     * Stored events that no leaf names yet. Event ids are unique in both tables, so once the replay has read the
     * whole publication log, every stored event it did not find is unpublished: a count away, instead of an
     * anti-join of both tables that costs a tenth of the replay.
     */
    private long unpublishedEvents(EventStoreCursor events) throws SQLException {
        if (events.exhausted()) {
            return count("SELECT count(*) FROM events.domainevententry") - events.eventsFound();
        }
        return count("SELECT count(*) FROM events.domainevententry d WHERE NOT EXISTS"
                + " (SELECT 1 FROM events.publication_log p WHERE p.event_id = d.eventidentifier)");
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
