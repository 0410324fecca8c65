package io.lethe.app.verify;

import io.lethe.api.verify.Checkpoint;
import io.lethe.api.verify.NoteVerifier;
import io.lethe.api.verify.VerificationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The stored signed checkpoints, each checked against the log's public key before its root is trusted. */
final class SignedCheckpoints {

    private SignedCheckpoints() {
    }

    /** @return the raw public key stored under {@code keyName} in {@code query.signing_keys} */
    static Optional<NoteVerifier> storedKey(Connection connection, String keyName) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT public_key FROM query.signing_keys WHERE name = ?")) {
            s.setString(1, keyName);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(new NoteVerifier(keyName, rows.getBytes(1))) : Optional.empty();
            }
        }
    }

    /**
     * Loads every checkpoint by tree size and verifies its signature and origin; a checkpoint whose note does not
     * verify, or whose stored size or root differ from its note, is reported and left out.
     */
    static List<Checkpoint> load(Connection connection, NoteVerifier key, Failures failures) throws SQLException {
        List<Checkpoint> verified = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT tree_size, root_hash, note FROM query.log_checkpoints ORDER BY tree_size");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                long size = rows.getLong(1);
                try {
                    Checkpoint checkpoint = Checkpoint.verify(rows.getString(3), key, key.keyName());
                    if (checkpoint.treeSize() != size || !Arrays.equals(checkpoint.rootHash(), rows.getBytes(2))) {
                        failures.add("checkpoint at size " + size + ": stored size/root differ from its signed note");
                    } else {
                        verified.add(checkpoint);
                    }
                } catch (VerificationException e) {
                    failures.add("checkpoint at size " + size + " does not verify: " + e.getMessage());
                }
            }
        }
        return verified;
    }
}
