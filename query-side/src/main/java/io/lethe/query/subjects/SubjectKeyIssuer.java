package io.lethe.query.subjects;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.crypto.vault.RecordSealing;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Hands a producer the pseudonym and vault key of a data subject, so it can seal the subject's
 * payloads before they reach Kafka. The raw subject id is turned into the pseudonym here and never
 * stored; the key comes from the vault's {@code vault.issue_subject_key} (created on first request).
 */
public final class SubjectKeyIssuer {

    private final DataSource vault;
    private final LedgerSecret secret;

    public SubjectKeyIssuer(DataSource vault, LedgerSecret secret) {
        this.vault = vault;
        this.secret = secret;
    }

    /**
     * A subject's key as a producer receives it.
     *
     * @param subjectPseudonym the name of the subject on every topic and in every event
     * @param key              the subject's AES-256 key, standard base64 (secret: TLS only, never logged)
     * @param keyId            first 8 bytes of SHA-256 over the key, hex: tells a producer its cached key is stale
     */
    public record IssuedKey(String subjectPseudonym, String key, String keyId) {

        @Override
        public String toString() {
            return "IssuedKey[" + subjectPseudonym + ", keyId=" + keyId + "]";
        }
    }

    public IssuedKey issue(String subjectId) {
        String pseudonym = secret.subjectPseudonym(subjectId);
        byte[] key = keyOf(pseudonym);
        try {
            return new IssuedKey(pseudonym, Base64.getEncoder().encodeToString(key), keyId(key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] keyOf(String pseudonym) {
        try (Connection c = vault.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT vault.issue_subject_key(?, ?)")) {
            s.setString(1, pseudonym);
            s.setBytes(2, RecordSealing.newSubjectKey());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot issue a subject key", e);
        }
    }

    /** The key's id, also computed by the producer library; never reveals the key. */
    public static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("lethe-subject-key-id\n".getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
