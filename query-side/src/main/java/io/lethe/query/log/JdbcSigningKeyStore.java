package io.lethe.query.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** A {@link SigningKeyStore} on {@code query.signing_keys}, inside the caller's connection. */
public final class JdbcSigningKeyStore implements SigningKeyStore {

    private final Connection connection;

    /** @param connection the caller's connection */
    public JdbcSigningKeyStore(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<StoredKey> load(String name) {
        return Sql.run("load a signing key", () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT private_key, public_key FROM query.signing_keys WHERE name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new StoredKey(rows.getBytes(1), rows.getBytes(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public StoredKey saveIfAbsent(String name, StoredKey key) {
        Sql.run("store a signing key", () -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO query.signing_keys "
                    + "(name, algorithm, private_key, public_key) VALUES (?, 'Ed25519', ?, ?) ON CONFLICT (name) DO NOTHING")) {
                statement.setString(1, name);
                statement.setBytes(2, key.privateKeyPkcs8());
                statement.setBytes(3, key.publicKeyRaw());
                return statement.executeUpdate();
            }
        });
        return load(name).orElseThrow(() -> new LogStorageException("signing key " + name + " vanished"));
    }
}
