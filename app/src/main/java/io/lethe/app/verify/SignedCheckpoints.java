package io.lethe.app.verify;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.Failure;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The stored signed checkpoints, each checked against the trusted log keys before its root is trusted. */
final class SignedCheckpoints {

    private SignedCheckpoints() {
    }

    /** @return every public key named {@code keyName} in the key history {@code query.log_keys}, if any */
    static Optional<TrustedKeys> keyHistory(Connection connection, String keyName) throws SQLException {
        List<NoteVerifier> keys = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT public_key FROM query.log_keys WHERE key_name = ? ORDER BY first_used_at, key_id")) {
            s.setString(1, keyName);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    keys.add(new NoteVerifier(keyName, rows.getBytes(1)));
                }
            }
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(new TrustedKeys(keys));
    }

    /**
     * Loads every checkpoint by tree size and verifies its signature and origin; a checkpoint whose note does not
     * verify under a trusted key, or whose stored size or root differ from its note, is reported and left out.
     */
    static List<Checkpoint> load(Connection connection, TrustedKeys keys, String origin, Failures failures)
            throws SQLException {
        List<Checkpoint> verified = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT tree_size, root_hash, note FROM query.log_checkpoints ORDER BY tree_size");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                long size = rows.getLong(1);
                try {
                    Checkpoint checkpoint = keys.verifyCheckpoint(rows.getString(3), origin);
                    if (checkpoint.treeSize() != size || !Arrays.equals(checkpoint.rootHash(), rows.getBytes(2))) {
                        failures.add("checkpoint at size " + size + ": stored size/root differ from its signed note");
                    } else {
                        verified.add(checkpoint);
                    }
                } catch (VerificationException e) {
                    failures.add(e.failure() == Failure.NO_MATCHING_SIGNATURE
                            ? "checkpoint at size " + size + " is not signed by a trusted key: " + e.getMessage()
                            : "checkpoint at size " + size + " does not verify: " + e.getMessage());
                }
            }
        }
        return verified;
    }
}
