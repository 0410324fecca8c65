package io.lethe.command.vault;

import io.lethe.crypto.vault.RecordSealing;
import io.lethe.command.erasure.KeyShredder;
import io.lethe.crypto.vault.SealedRecord;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The command side's writes to the vault: per-subject keys and sealed records. Runs on the
 * command's transaction, so a rejected ingest leaves no row behind.
 */
public final class Vault implements KeyShredder {

    private final ConnectionProvider connections;

    public Vault(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** What the vault knows of a record besides its sealed bytes. */
    public record RecordMeta(String subjectPseudonym, String labelPseudonym) {
    }

    /** The subject's key, created on first use (also after a shredding: new data, new key). One round trip. */
    public byte[] subjectKey(String subjectPseudonym) {
        return subjectKeys(List.of(subjectPseudonym)).get(subjectPseudonym);
    }

    /**
     * Every subject's key, created where missing: one round trip for a whole batch of ingests. In one
     * statement the final SELECT does not see the CTE's inserts, so new keys come from {@code created}
     * and existing ones from the table.
     */
    public Map<String, byte[]> subjectKeys(Collection<String> subjectPseudonyms) {
        List<String> subjects = List.copyOf(new TreeSet<>(subjectPseudonyms));
        String sql = "WITH input AS (SELECT * FROM unnest(?::varchar[], ?::varchar[]) AS i(subject, hex_key)),"
                + " created AS (INSERT INTO vault.subject_keys (subject_pseudonym, aes_key)"
                + " SELECT subject, decode(hex_key, 'hex') FROM input ON CONFLICT (subject_pseudonym) DO NOTHING"
                + " RETURNING subject_pseudonym, aes_key)"
                + " SELECT subject_pseudonym, aes_key FROM created UNION ALL"
                + " SELECT k.subject_pseudonym, k.aes_key FROM vault.subject_keys k JOIN input i"
                + " ON k.subject_pseudonym = i.subject";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", subjects.toArray()));
            s.setArray(2, c.createArrayOf("varchar",
                    subjects.stream().map(x -> HexFormat.of().formatHex(RecordSealing.newSubjectKey())).toArray()));
            return keysOf(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or create subject keys", e);
        }
    }

    /**
     * The keys these subjects have now, without creating any: a sealed payload must open under a key the
     * ledger issued, and a shredded subject has none. One round trip.
     */
    public Map<String, byte[]> currentKeys(Collection<String> subjectPseudonyms) {
        String sql = "SELECT subject_pseudonym, aes_key FROM vault.subject_keys WHERE subject_pseudonym = ANY(?)";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", new TreeSet<>(subjectPseudonyms).toArray()));
            return keysOf(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read subject keys", e);
        }
    }

    /** Rows of (pseudonym, key) as a map. */
    private static Map<String, byte[]> keysOf(PreparedStatement query) throws SQLException {
        Map<String, byte[]> keys = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getBytes(2));
            }
        }
        return keys;
    }

    /** What the vault holds of these records, by commitment; absent ones are left out. One round trip. */
    public Map<String, RecordMeta> findAll(Collection<String> commitments) {
        String sql = "SELECT commitment, subject_pseudonym, label_pseudonym FROM vault.records WHERE commitment = ANY(?)";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", commitments.toArray()));
            Map<String, RecordMeta> found = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new RecordMeta(rs.getString(2), rs.getString(3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the vault", e);
        }
    }

    /** A sealed record to store. */
    public record NewRecord(String commitment, String dataset, RecordMeta meta, SealedRecord sealed) {
    }

    /**
     * Stores records known to be absent, in one JDBC batch. No {@code ON CONFLICT}: a record that
     * appeared meanwhile (another command-side instance) fails the batch instead of being silently
     * skipped, and the caller falls back to checking one record at a time.
     */
    public void storeAll(List<NewRecord> records) {
        String sql = "INSERT INTO vault.records (commitment, dataset, subject_pseudonym, label_pseudonym, nonce,"
                + " ciphertext) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (NewRecord r : records) {
                s.setString(1, r.commitment());
                s.setString(2, r.dataset());
                s.setString(3, r.meta().subjectPseudonym());
                s.setString(4, r.meta().labelPseudonym());
                s.setBytes(5, r.sealed().nonce());
                s.setBytes(6, r.sealed().ciphertext());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store records in the vault", e);
        }
    }

    public Optional<RecordMeta> find(String commitment) {
        return Optional.ofNullable(findAll(List.of(commitment)).get(commitment));
    }

    /** Stores the sealed record unless its commitment is already there; true when it was stored. */
    public boolean storeIfAbsent(String commitment, String dataset, RecordMeta meta, SealedRecord sealed) {
        String sql = "INSERT INTO vault.records (commitment, dataset, subject_pseudonym, label_pseudonym, nonce,"
                + " ciphertext) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (commitment) DO NOTHING";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, commitment);
            s.setString(2, dataset);
            s.setString(3, meta.subjectPseudonym());
            s.setString(4, meta.labelPseudonym());
            s.setBytes(5, sealed.nonce());
            s.setBytes(6, sealed.ciphertext());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a record in the vault", e);
        }
    }

    /** Crypto-shredding: the subject's key is destroyed; its sealed records stay, unreadable. */
    @Override
    public void shred(String subjectPseudonym, String reason) {
        try (Connection c = connections.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM vault.subject_keys WHERE subject_pseudonym = ?")) {
                s.setString(1, subjectPseudonym);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO vault.shredded_subjects (subject_pseudonym,"
                    + " reason) VALUES (?, ?) ON CONFLICT (subject_pseudonym) DO UPDATE SET reason = EXCLUDED.reason,"
                    + " shredded_at = now()")) {
                s.setString(1, subjectPseudonym);
                s.setString(2, reason);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shred a subject key", e);
        }
    }
}
