package io.lethe.app.keys;

import io.lethe.query.log.Ed25519Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Ledgers before migration V10 kept the log's private key in {@code query.signing_keys}. Before migrating, the key
 * is exported to the signing-key file, once; V10 then keeps its public half in the key history and drops the
 * table. Refuses to go on without a file to export to: the migration would destroy the only copy of the key.
 */
public final class LegacySigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySigningKey.class);

    private LegacySigningKey() {
    }

    /**
     * Exports the private key named {@code keyName} from {@code query.signing_keys} to {@code keyFile}, if that
     * table still exists. A key file that already exists wins (it is the newer key): the database's key then
     * becomes a retired key of the history when the query side starts.
     *
     * @throws IllegalStateException if the table holds a key and no key file is configured
     */
    public static void exportBeforeMigrating(DataSource db, Optional<Path> keyFile, String keyName) {
        try (Connection c = db.getConnection()) {
            Optional<byte[]> legacy = legacyKey(c, keyName);
            if (legacy.isEmpty()) {
                return;
            }
            Path file = keyFile.orElseThrow(() -> new IllegalStateException("query.signing_keys holds the log's"
                    + " private key and migration V10 removes it: set " + KeyPaths.LOG_SIGNING_KEY_FILE_ENV
                    + " to the file it should be exported to, then migrate again"));
            export(Ed25519Keys.fromPkcs8(legacy.get()), file);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read query.signing_keys: " + e.getMessage(), e);
        }
    }

    private static void export(KeyPair key, Path file) {
        try {
            if (!Files.exists(file)) {
                LogSigningKeys.create(file, key);
                LOG.info("exported the log signing key from query.signing_keys to {}", file);
            } else if (!Arrays.equals(LogSigningKeys.read(file).getPrivate().getEncoded(),
                    key.getPrivate().getEncoded())) {
                LOG.warn("{} holds another key than query.signing_keys: keeping the file's key; the database's key"
                        + " stays in the key history as retired", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the log signing key to " + file, e);
        }
    }

    private static Optional<byte[]> legacyKey(Connection c, String keyName) throws SQLException {
        if (!tableExists(c)) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT private_key FROM query.signing_keys WHERE name = ?")) {
            s.setString(1, keyName);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass('query.signing_keys') IS NOT NULL");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
