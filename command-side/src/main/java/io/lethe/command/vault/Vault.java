package io.lethe.command.vault;

import io.lethe.api.vault.RecordSealing;
import io.lethe.command.erasure.KeyShredder;
import io.lethe.api.vault.SealedRecord;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

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
        String sql = "WITH created AS (INSERT INTO vault.subject_keys (subject_pseudonym, aes_key) VALUES (?, ?)"
                + " ON CONFLICT (subject_pseudonym) DO NOTHING RETURNING aes_key)"
                + " SELECT aes_key FROM created UNION ALL"
                + " SELECT aes_key FROM vault.subject_keys WHERE subject_pseudonym = ? LIMIT 1";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, subjectPseudonym);
            s.setBytes(2, RecordSealing.newSubjectKey());
            s.setString(3, subjectPseudonym);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or create a subject key", e);
        }
    }

    public Optional<RecordMeta> find(String commitment) {
        String sql = "SELECT subject_pseudonym, label_pseudonym FROM vault.records WHERE commitment = ?";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, commitment);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new RecordMeta(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the vault", e);
        }
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
