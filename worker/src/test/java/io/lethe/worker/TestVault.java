package io.lethe.worker;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.samples.BundledSamples;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.crypto.vault.SealedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Puts sealed ORL faces into the vault the way the command side does (one AES key per subject, keyed
 * commitments under a ledger secret), and shreds subjects' keys.
 */
public final class TestVault {

    private final DataSource dataSource;
    private final LedgerSecret secret = LedgerSecret.of("worker-test-ledger-secret-32-bytes!".getBytes());

    public TestVault(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Seals images {@code 1..images} of ORL subject {@code subject}; returns their sorted commitments. */
    public List<String> ingestFaces(String namespace, int subject, int images) throws SQLException {
        String subjectId = namespace + "/s" + subject;
        String pseudonym = secret.subjectPseudonym(subjectId);
        byte[] key = RecordSealing.newSubjectKey();
        List<String> commitments = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "INSERT INTO vault.subject_keys (subject_pseudonym, aes_key) VALUES (?, ?)", pseudonym, key);
            for (int i = 1; i <= images; i++) {
                String commitment = secret.recordCommitment(subjectId + "/" + i);
                byte[] payload = BundledSamples.read("orl:s" + subject + "/" + i + ".pgm").orElseThrow();
                SealedRecord sealed = RecordSealing.seal(key, commitment,
                        new RecordSealing.OpenRecord("s" + subject, payload));
                execute(c, "INSERT INTO vault.records (commitment, dataset, subject_pseudonym, label_pseudonym, "
                                + "nonce, ciphertext) VALUES (?, 'orl', ?, ?, ?, ?)", commitment, pseudonym,
                        secret.labelPseudonym("orl", "s" + subject), sealed.nonce(), sealed.ciphertext());
                commitments.add(commitment);
            }
        }
        return commitments.stream().sorted().toList();
    }

    /** Crypto-shreds a subject: deletes its key, the ciphertexts stay. */
    public void shred(String namespace, int subject) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, "DELETE FROM vault.subject_keys WHERE subject_pseudonym = ?",
                    secret.subjectPseudonym(namespace + "/s" + subject));
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
