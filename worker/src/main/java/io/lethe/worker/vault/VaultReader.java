package io.lethe.worker.vault;

import io.lethe.crypto.vault.RecordSealing;
import io.lethe.crypto.vault.SealedRecord;
import io.lethe.sim.data.SimRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads and opens sealed records from schema {@code vault} (written by the command side). One query per
 * job; the plaintext lives only in this worker's memory. The simulator's record id is the commitment.
 */
public final class VaultReader {

    static final String NOT_IN_VAULT = "not in the vault";
    static final String KEY_SHREDDED = "subject key shredded";
    static final String CANNOT_OPEN = "ciphertext does not open";
    private static final String SELECT = """
            SELECT r.commitment, r.nonce, r.ciphertext, k.aes_key
              FROM vault.records r
              LEFT JOIN vault.subject_keys k ON k.subject_pseudonym = r.subject_pseudonym
             WHERE r.commitment = ANY (?)""";

    private final DataSource dataSource;

    public VaultReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens every record of {@code commitments} that can be opened. */
    public VaultRecords load(Collection<String> commitments) throws SQLException {
        Map<String, SimRecord> readable = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        commitments.forEach(c -> unreadable.put(c, NOT_IN_VAULT));
        if (commitments.isEmpty()) {
            return new VaultRecords(readable, Map.of());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
            Array ids = c.createArrayOf("varchar", commitments.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    open(rs, readable, unreadable);
                }
            }
        }
        return new VaultRecords(readable, unreadable);
    }

    private static void open(ResultSet rs, Map<String, SimRecord> readable, Map<String, String> unreadable)
            throws SQLException {
        String commitment = rs.getString(1);
        byte[] key = rs.getBytes(4);
        if (key == null) {
            unreadable.put(commitment, KEY_SHREDDED);
            return;
        }
        try {
            var open = RecordSealing.open(key, commitment, new SealedRecord(rs.getBytes(2), rs.getBytes(3)));
            readable.put(commitment, new SimRecord(commitment, open.label(), open.payload()));
            unreadable.remove(commitment);
        } catch (IllegalStateException e) {
            unreadable.put(commitment, CANNOT_OPEN);
        }
    }
}
