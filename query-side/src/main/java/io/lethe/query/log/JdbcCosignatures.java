package io.lethe.query.log;

import io.lethe.verifier.NoteSignature;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The witnesses' cosignatures of checkpoints, on {@code query.log_cosignatures}, inside the caller's connection.
 * A row is the signature line a witness answered with; it proves itself against the witness's key, so storing it
 * adds no trust: it only keeps what was earned across restarts and for older checkpoints.
 */
final class JdbcCosignatures {

    private static final String COLUMNS = "SELECT tree_size, cosigner, key_id, signature FROM query.log_cosignatures ";

    private final Connection connection;

    JdbcCosignatures(Connection connection) {
        this.connection = connection;
    }

    /** Keeps a cosignature of the checkpoint at {@code treeSize}; the same witness cosigning it again is ignored. */
    void save(long treeSize, NoteSignature cosignature) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO query.log_cosignatures "
                + "(tree_size, cosigner, key_id, signature, cosigned_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (tree_size, cosigner, key_id) DO NOTHING")) {
            s.setLong(1, treeSize);
            s.setString(2, cosignature.keyName());
            s.setLong(3, Integer.toUnsignedLong(cosignature.keyId()));
            s.setBytes(4, cosignature.signature());
            s.setTimestamp(5, Timestamp.from(timestampOf(cosignature)));
            s.executeUpdate();
        }
    }

    /** @return every cosignature of the checkpoint at {@code treeSize}, by cosigner name */
    List<NoteSignature> at(long treeSize) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(COLUMNS + "WHERE tree_size = ? ORDER BY cosigner")) {
            s.setLong(1, treeSize);
            return read(s).stream().map(LogCosignature::cosignature).toList();
        }
    }

    /** @return the cosignature of the largest checkpoint this witness key cosigned */
    Optional<LogCosignature> latestBy(String cosigner, int keyId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(COLUMNS
                + "WHERE cosigner = ? AND key_id = ? ORDER BY tree_size DESC LIMIT 1")) {
            s.setString(1, cosigner);
            s.setLong(2, Integer.toUnsignedLong(keyId));
            return read(s).stream().findFirst();
        }
    }

    /** @return the largest tree size any witness cosigned */
    Optional<Long> latestCosignedSize() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT max(tree_size) FROM query.log_cosignatures");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            long size = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(size);
        }
    }

    /** @return when the witness says it cosigned: the tlog-cosignature/v1 timestamp, big-endian seconds */
    static Instant timestampOf(NoteSignature cosignature) {
        return Instant.ofEpochSecond(ByteBuffer.wrap(cosignature.signature()).getLong());
    }

    private static List<LogCosignature> read(PreparedStatement statement) throws SQLException {
        List<LogCosignature> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new LogCosignature(rows.getLong(1),
                        new NoteSignature(rows.getString(2), (int) rows.getLong(3), rows.getBytes(4))));
            }
        }
        return found;
    }
}
