package io.lethe.query.log;

import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
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

    /** @return the checkpoint signed at {@code treeSize}, if one was */
    public Optional<StoredCheckpoint> checkpointAt(long treeSize) {
        return withConnection(c -> new JdbcCheckpointStore(c).at(treeSize));
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

    /** Keeps a witness's cosignature of the checkpoint at {@code treeSize} (a repeat of one already kept is ignored). */
    public void recordCosignature(long treeSize, NoteSignature cosignature) {
        withConnection(c -> {
            new JdbcCosignatures(c).save(treeSize, cosignature);
            return null;
        });
    }

    /** @return the cosignature of the largest checkpoint the witness key {@code cosigner}/{@code keyId} cosigned */
    public Optional<LogCosignature> latestCosignedBy(String cosigner, int keyId) {
        return withConnection(c -> new JdbcCosignatures(c).latestBy(cosigner, keyId));
    }

    /**
     * @return the checkpoint's signed note followed by the cosignature line of every witness that cosigned exactly
     *         it (C2SP tlog-cosignature/v1), as {@code GET /checkpoint} serves it
     */
    public String cosignedNote(StoredCheckpoint checkpoint) {
        List<NoteSignature> cosignatures = withConnection(c -> new JdbcCosignatures(c).at(checkpoint.treeSize()));
        return withLines(checkpoint.note(), cosignatures);
    }

    /** @return the largest checkpoint any witness cosigned, with its cosignature lines; empty if none was */
    public Optional<String> latestCosignedNote() {
        return withConnection(TransparencyLog::latestCosignedNote);
    }

    /**
     * {@link #latestCosignedNote()} on the caller's connection, for readers of the database that do not sign
     * ({@code lethe verify --witness-policy}, {@code lethe audit export}).
     */
    public static Optional<String> latestCosignedNote(Connection connection) throws SQLException {
        JdbcCosignatures cosignatures = new JdbcCosignatures(connection);
        Optional<Long> size = cosignatures.latestCosignedSize();
        if (size.isEmpty()) {
            return Optional.empty();
        }
        StoredCheckpoint checkpoint = new JdbcCheckpointStore(connection).at(size.get()).orElseThrow();
        return Optional.of(withLines(checkpoint.note(), cosignatures.at(size.get())));
    }

    private static String withLines(String note, List<NoteSignature> cosignatures) {
        if (cosignatures.isEmpty()) {
            return note;
        }
        try {
            SignedNote signed = SignedNote.parse(note);
            List<NoteSignature> lines = new ArrayList<>(signed.signatures());
            cosignatures.stream().filter(line -> !lines.contains(line)).forEach(lines::add);
            return new SignedNote(signed.body(), lines).format();
        } catch (VerificationException e) {
            throw new IllegalStateException("the log's own checkpoint does not parse", e);
        }
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
