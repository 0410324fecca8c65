package io.lethe.query.log;

import io.lethe.verifier.NoteVerifier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The log's key history on {@code query.log_keys}, inside the caller's connection: the public half of every key
 * the log has signed with, so a checkpoint signed before a rotation still verifies. No private key is ever stored.
 */
public final class JdbcKeyHistory {

    private static final String COLUMNS = "SELECT key_name, public_key, first_used_at, retired_at FROM query.log_keys ";

    private final Connection connection;

    /** @param connection the caller's connection */
    public JdbcKeyHistory(Connection connection) {
        this.connection = connection;
    }

    /**
     * Makes {@code key} the current key of its name: a key seen for the first time is added and the previous
     * current key is retired at {@code now}; the current key again changes nothing.
     *
     * @throws RetiredSigningKeyException if the history already retired this key (an old key file came back)
     */
    public void makeCurrent(NoteVerifier key, Instant now) {
        Sql.run("record the signing key", () -> Sql.inTransaction(connection, () -> {
            Optional<LogKey> known = find(key);
            if (known.isPresent()) {
                requireNotRetired(known.get());
                return null;
            }
            retireCurrent(key.keyName(), now);
            insert(key, now);
            return null;
        }));
    }

    /** @return every key, oldest first */
    public List<LogKey> all() {
        return Sql.run("read the key history", () -> {
            try (PreparedStatement s = connection.prepareStatement(COLUMNS + "ORDER BY first_used_at, key_id")) {
                return read(s);
            }
        });
    }

    private Optional<LogKey> find(NoteVerifier key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(COLUMNS + "WHERE key_name = ? AND key_id = ?")) {
            s.setString(1, key.keyName());
            s.setString(2, LogKey.hex(key.keyId()));
            List<LogKey> rows = read(s);
            if (!rows.isEmpty() && !Arrays.equals(rows.get(0).verifier().publicKey(), key.publicKey())) {
                // 1 in 2^32 per rotation: a key id must name one key, so this key cannot be used.
                throw new LogStorageException("another key of " + key.keyName() + " has key id "
                        + LogKey.hex(key.keyId()) + ": generate a new signing key");
            }
            return rows.stream().findFirst();
        }
    }

    private static void requireNotRetired(LogKey key) {
        if (key.retired()) {
            throw new RetiredSigningKeyException("signing key " + key.keyIdHex() + " of " + key.verifier().keyName()
                    + " was retired at " + key.retiredAt() + ": configure the current key, or rotate to a new one");
        }
    }

    private void retireCurrent(String keyName, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE query.log_keys SET retired_at = ? WHERE key_name = ? AND retired_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, keyName);
            s.executeUpdate();
        }
    }

    private void insert(NoteVerifier key, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO query.log_keys"
                + " (key_name, key_id, algorithm, public_key, first_used_at) VALUES (?, ?, 'Ed25519', ?, ?)")) {
            s.setString(1, key.keyName());
            s.setString(2, LogKey.hex(key.keyId()));
            s.setBytes(3, key.publicKey());
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    private static List<LogKey> read(PreparedStatement statement) throws SQLException {
        List<LogKey> keys = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Timestamp retired = rows.getTimestamp(4);
                keys.add(new LogKey(new NoteVerifier(rows.getString(1), rows.getBytes(2)),
                        rows.getTimestamp(3).toInstant(), retired == null ? null : retired.toInstant()));
            }
        }
        return keys;
    }
}
