package io.lethe.app.keys;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.NoteVerifier;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.query.log.Ed25519Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's secrets as owner-only files: creation, legacy data directories, rotation, and pinning formats. */
class KeyFilesTest {

    private static final String ORIGIN = "lethe.local/log";
    /** RFC 8410, section 10.3: an Ed25519 private key as OpenSSL writes it. */
    private static final String RFC8410_PRIVATE = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesOwnerOnlyKeyFilesThatLaterStartsReuse() throws Exception {
        LedgerKeys first = LedgerKeys.forDataDir(Map.of(), dataDir);
        LedgerKeys again = LedgerKeys.forDataDir(Map.of(), dataDir);

        Path keys = dataDir.resolve("keys");
        assertThat(permissions(keys)).isEqualTo("rwx------");
        assertThat(permissions(keys.resolve("ledger-secret"))).isEqualTo("rw-------");
        assertThat(permissions(keys.resolve("log-signing-key.pem"))).isEqualTo("rw-------");
        assertThat(Files.readString(keys.resolve("log-signing-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(again.ledgerSecret()).isEqualTo(first.ledgerSecret());
        assertThat(again.logSigningKey().getPrivate().getEncoded())
                .isEqualTo(first.logSigningKey().getPrivate().getEncoded());
        try (var leftovers = Files.list(keys)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ledger-secret",
                    "log-signing-key.pem");
        }
    }

    @Test
    void anOldDataDirectorysLedgerSecretIsMovedNeverReplaced() throws Exception {
        LedgerSecret old = LedgerSecret.of("an-old-ledger-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dataDir.resolve("ledger-secret"), old.toBase64() + "\n");

        assertThat(LedgerSecrets.forDataDir(Map.of(), dataDir)).isEqualTo(old);
        assertThat(dataDir.resolve("ledger-secret")).doesNotExist();
        assertThat(permissions(dataDir.resolve("keys/ledger-secret"))).isEqualTo("rw-------");
        assertThat(LedgerSecrets.forDataDir(Map.of(), dataDir)).isEqualTo(old);
    }

    @Test
    void twoDifferentLedgerSecretsStopTheStart() throws Exception {
        LedgerSecrets.forDataDir(Map.of(), dataDir);
        Files.writeString(dataDir.resolve("ledger-secret"), LedgerSecret.generate().toBase64());

        assertThatThrownBy(() -> LedgerSecrets.forDataDir(Map.of(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two different ledger secrets");
    }

    @Test
    void servicesNeverGenerateSecretsAndNameTheVariablesTheyNeed(@TempDir Path secrets) throws Exception {
        assertThatThrownBy(() -> LedgerSecrets.forService(Map.of()))
                .hasMessageContaining("LETHE_LEDGER_SECRET_FILE").hasMessageContaining("LETHE_LEDGER_SECRET");
        assertThatThrownBy(() -> LogSigningKeys.forService(Map.of()))
                .hasMessageContaining("LETHE_LOG_SIGNING_KEY_FILE");

        Path key = secrets.resolve("log.pem");
        Files.writeString(key, RFC8410_PRIVATE);
        Path secret = secrets.resolve("secret");
        Files.writeString(secret, "c2VjcmV0LXNlY3JldC1zZWNyZXQ=\n");
        Map<String, String> env = Map.of(KeyPaths.LOG_SIGNING_KEY_FILE_ENV, key.toString(),
                KeyPaths.LEDGER_SECRET_FILE_ENV, secret.toString());
        assertThat(LedgerSecrets.forService(env)).isEqualTo(LedgerSecret.fromBase64("c2VjcmV0LXNlY3JldC1zZWNyZXQ="));
        assertThat(LedgerSecrets.forService(Map.of(LedgerSecrets.ENV, "c2VjcmV0LXNlY3JldC1zZWNyZXQ=")))
                .isEqualTo(LedgerSecrets.forService(env));
        assertThat(LogSigningKeys.forService(env).getPrivate().getEncoded())
                .isEqualTo(Pem.decode(Pem.PRIVATE_KEY, RFC8410_PRIVATE));
    }

    @Test
    void anOpensslKeyFileGivesTheRfc8410PublicKey() throws Exception {
        Path key = dataDir.resolve("openssl.pem");
        Files.writeString(key, RFC8410_PRIVATE);

        NoteVerifier verifier = LogSigningKeys.verifier(ORIGIN, LogSigningKeys.read(key));

        assertThat(verifier).isEqualTo(PinnedKeys.parse("-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n", ORIGIN));
    }

    @Test
    void rotationGivesANewKeyIdAndKeepsOnlyThePublicHalfOfTheOldKey() throws Exception {
        Path file = KeyPaths.inDataDir(dataDir, Map.of()).logSigningKey().orElseThrow();
        KeyPair before = LogSigningKeys.loadOrCreate(file);

        LogSigningKeys.Rotation rotation = LogSigningKeys.rotate(file, ORIGIN);

        assertThat(rotation.retired()).isEqualTo(LogSigningKeys.verifier(ORIGIN, before));
        assertThat(rotation.current().keyId()).isNotEqualTo(rotation.retired().keyId());
        assertThat(LogSigningKeys.verifier(ORIGIN, LogSigningKeys.read(file))).isEqualTo(rotation.current());
        assertThat(permissions(file)).isEqualTo("rw-------");
        Path retired = LogSigningKeys.retiredFile(file, rotation.retired());
        assertThat(Files.readString(retired)).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
        assertThat(PinnedKeys.parse(retired.toString(), ORIGIN)).isEqualTo(rotation.retired());
    }

    @Test
    void aPinnedKeyMayBeAVerifierKeyRawBase64OrSpkiButNeverAPrivateKey() throws Exception {
        NoteVerifier key = LogSigningKeys.verifier(ORIGIN, Ed25519Keys.generate());
        String raw = Base64.getEncoder().encodeToString(key.publicKey());

        assertThat(PinnedKeys.parse(key.format(), "ignored")).isEqualTo(key);
        assertThat(PinnedKeys.parse(raw, ORIGIN)).isEqualTo(key);
        assertThat(PinnedKeys.parse(Base64.getEncoder().encodeToString(NoteVerifier.toJcaKey(key.publicKey())
                .getEncoded()), ORIGIN)).isEqualTo(key);
        assertThatThrownBy(() -> PinnedKeys.parse(RFC8410_PRIVATE, ORIGIN)).hasMessageContaining("private key");
        assertThatThrownBy(() -> PinnedKeys.parse("AAAA", ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerifierKeyWhoseBase64HoldsAPlusStillParses() throws Exception {
        Random seeds = new Random(7);
        NoteVerifier key;
        do {
            byte[] seed = new byte[Ed25519Keys.SEED_SIZE];
            seeds.nextBytes(seed);
            key = LogSigningKeys.verifier(ORIGIN, Ed25519Keys.fromSeed(seed));
        } while (key.format().chars().filter(c -> c == '+').count() < 3);

        assertThat(PinnedKeys.parse(key.format(), ORIGIN)).isEqualTo(key);
        assertThat(NoteVerifier.parse(key.format())).isEqualTo(key);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
