package io.lethe.query.log;

import io.lethe.verifier.NoteVerifier;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The stored transparency log as the REST API and the checkpoint schedule use it: reads and proofs each on a
 * short-lived connection, and checkpoint signing serialised across instances.
 */
public final class TransparencyLog {

    /** Default origin line of checkpoints and name of the signing key. */
    public static final String DEFAULT_ORIGIN = "lethe.local/log";
    /** Advisory lock key serialising signers, so two instances never race on "the latest checkpoint". */
    private static final long SIGN_LOCK_KEY = 0x4c4554_48455349L;

    private final DataSource dataSource;
    private final CheckpointSigner signer;

    private TransparencyLog(DataSource dataSource, CheckpointSigner signer) {
        this.dataSource = dataSource;
        this.signer = signer;
    }

    /**
     * Opens the log signing with {@code signingKey} (named {@code origin}), which comes from outside the database;
     * its public half becomes the current key of the key history, retiring the previous one after a rotation.
     *
     * @throws RetiredSigningKeyException if the history already retired this key
     */
    public static TransparencyLog open(DataSource dataSource, String origin, KeyPair signingKey, Clock clock) {
        CheckpointSigner signer = new CheckpointSigner(origin, signingKey, clock);
        withConnection(dataSource, c -> {
            c.setAutoCommit(false);
            try {
                // The signers' lock: two instances starting with two new keys must not both become current.
                lockSigning(c);
                new JdbcKeyHistory(c).makeCurrent(signer.verifier(), clock.instant());
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
        return new TransparencyLog(dataSource, signer);
    }

    /** @return the key checkpoints are signed with */
    public NoteVerifier publicKey() {
        return signer.verifier();
    }

    /** @return every key the log has signed with, oldest first, the current one last */
    public List<LogKey> keyHistory() {
        return withConnection(c -> new JdbcKeyHistory(c).all());
    }

    /** A detached Ed25519 signature with the log's key; verifiable with {@link #publicKey()}. */
    public byte[] signDetached(byte[] message) {
        return signer.signDetached(message);
    }

    /** @return the log entry of an event, once the event is in the log */
    public Optional<LeafEntry> entry(String eventId) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).entryByEventId(eventId));
    }

    /** @return the number of leaves in the log */
    public long size() {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).size());
    }

    /** @return the RFC 6962 root of the first {@code size} leaves; see {@link MerkleLog#root(long)} */
    public byte[] root(long size) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).root(size));
    }

    /** @return the latest signed checkpoint, if one was signed */
    public Optional<StoredCheckpoint> latestCheckpoint() {
        return withConnection(c -> new JdbcCheckpointStore(c).latest());
    }

    /**
     * Signs a checkpoint at the current size unless the latest one already covers it.
     *
     * @throws InconsistentCheckpointException if the stored log contradicts an earlier checkpoint
     */
    public StoredCheckpoint signLatest() {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                lockSigning(c);
                StoredCheckpoint signed = signer.signLatest(new MerkleLog(new JdbcNodeStore(c)),
                        new JdbcCheckpointStore(c));
                c.commit();
                return signed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** @return whether the log holds leaves that no checkpoint covers yet */
    public boolean grewSinceLastCheckpoint() {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).size()
                > new JdbcCheckpointStore(c).latest().map(StoredCheckpoint::treeSize).orElse(0L));
    }

    /** @return the leaves {@code start <= index < end}, clipped to the log's size */
    public List<LeafEntry> entries(long start, long end) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).entries(start, end));
    }

    /** @return a tlog-tiles tile's hashes; see {@link MerkleLog#tileHashes(int, long, int)} */
    public List<byte[]> tileHashes(int level, long index, int width) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).tileHashes(level, index, width));
    }

    /** @return the RFC 9162 audit path; see {@link MerkleLog#inclusionProof(long, long)} */
    public List<byte[]> inclusionProof(long index, long size) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).inclusionProof(index, size));
    }

    /** @return the RFC 9162 consistency proof; see {@link MerkleLog#consistencyProof(long, long)} */
    public List<byte[]> consistencyProof(long from, long to) {
        return withConnection(c -> new MerkleLog(new JdbcNodeStore(c)).consistencyProof(from, to));
    }

    private static void lockSigning(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, SIGN_LOCK_KEY);
            s.execute();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        return withConnection(dataSource, work);
    }

    private static <T> T withConnection(DataSource dataSource, Work<T> work) {
        return Sql.run("use the log", () -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }
}
