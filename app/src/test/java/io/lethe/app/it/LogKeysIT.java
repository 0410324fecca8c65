package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Topics;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.NoteVerifier;
import io.lethe.app.LetheNode;
import io.lethe.app.ServiceSettings;
import io.lethe.app.cli.Lethe;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.InfrastructureFactory;
import io.lethe.app.keys.KeyPaths;
import io.lethe.app.keys.LedgerKeys;
import io.lethe.app.keys.LogSigningKeys;
import io.lethe.app.verify.ReplayVerifier;
import io.lethe.app.verify.VerifyReport;
import io.lethe.query.log.Ed25519Keys;
import io.lethe.query.log.TransparencyLog;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, part 3, on a stack of its own started the way {@code lethe up} starts it (embedded Kafka and PostgreSQL
 * under a data directory; own, because pinning checks every checkpoint the database holds): an old data directory
 * whose private key sat in {@code query.signing_keys} and whose ledger secret sat at its root keeps both, as files;
 * no table holds a private key or the ledger secret; a rotated key keeps old checkpoints verifiable; and
 * {@code lethe verify --public-key} fails on a wrong pin and passes with the right ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogKeysIT {

    private static final String TOKEN = "log-keys-it-token";
    private static final String ORIGIN = TransparencyLog.DEFAULT_ORIGIN;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final LedgerSecret OLD_SECRET =
            LedgerSecret.of("log-keys-it-old-ledger-secret-32".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path dataDir;
    private static Infrastructure infra;
    private static HikariDataSource db;
    private static LetheNode node;
    private static KeyPair legacyKey;
    private static NoteVerifier currentKey;

    @BeforeAll
    static void startAnOldDataDirectory() throws Exception {
        infra = InfrastructureFactory.create(Map.of(), dataDir, LetheProcess.freePort(), 0);
        db = ServiceSettings.dataSource(infra, "log-keys-it", 3);
        // The ledger as it was before V10: the private key in the database, the secret at the data dir's root.
        Flyway.configure().dataSource(db).locations("classpath:db/migration").schemas("public").target("9").load()
                .migrate();
        legacyKey = seededKey(10);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO query.signing_keys (name, private_key, public_key) VALUES (?, ?, ?)")) {
            s.setString(1, ORIGIN);
            s.setBytes(2, legacyKey.getPrivate().getEncoded());
            s.setBytes(3, NoteVerifier.rawKey(legacyKey.getPublic()));
            s.executeUpdate();
        }
        Files.writeString(dataDir.resolve("ledger-secret"), OLD_SECRET.toBase64() + "\n");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (db != null) {
            db.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    void anOldDataDirectoryKeepsItsSecretAndItsKeyMovesFromTheDatabaseToAFile() throws Exception {
        LedgerKeys keys = upStyleKeys();

        assertThat(keys.ledgerSecret()).isEqualTo(OLD_SECRET);
        assertThat(dataDir.resolve("ledger-secret")).doesNotExist();
        assertThat(keys.logSigningKey().getPrivate().getEncoded()).isEqualTo(legacyKey.getPrivate().getEncoded());
        assertThat(permissions(dataDir.resolve("keys"))).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("keys/ledger-secret"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("keys/log-signing-key.pem"))).isEqualTo("rw-------");
        try (Connection c = db.getConnection()) {
            assertThat(LogDatabase.dump(c, "SELECT CASE WHEN to_regclass('query.signing_keys') IS NULL THEN 'gone'"
                    + " ELSE 'still there' END")).containsExactly("gone|");
            // V10's SQL key id is the C2SP one the signer puts on its signature lines.
            NoteVerifier legacy = LogSigningKeys.verifier(ORIGIN, legacyKey);
            assertThat(LogDatabase.dump(c, "SELECT key_name, key_id, CASE WHEN retired_at IS NULL THEN 'current'"
                    + " ELSE 'retired' END FROM query.log_keys"))
                    .containsExactly(ORIGIN + "|" + String.format("%08x", legacy.keyId()) + "|current|");
        }
        node = LetheNode.start(infra, Map.of(), 0, TOKEN, keys);
        currentKey = LogSigningKeys.verifier(ORIGIN, keys.logSigningKey());
    }

    @Test
    @Order(2)
    void noTableOfAnySchemaHoldsThePrivateKeyOrTheLedgerSecretAfterASignedCheckpoint() throws Exception {
        registerModelAndSignACheckpoint("log-keys-1");

        List<String> forms = privateKeyForms(legacyKey);
        forms.addAll(forms(Base64.getDecoder().decode(OLD_SECRET.toBase64())));
        forms.add(OLD_SECRET.toBase64());
        assertNoTableHolds(forms);
    }

    @Test
    @Order(3)
    void aRotatedKeyGetsANewKeyIdAndOldCheckpointsStillVerifyAgainstTheKeyHistory() throws Exception {
        node.close();
        node = null;
        LogSigningKeys.Rotation rotation = LogSigningKeys.rotate(signingKeyFile(), ORIGIN);
        LedgerKeys rotated = upStyleKeys();
        assertThat(LogSigningKeys.verifier(ORIGIN, rotated.logSigningKey())).isEqualTo(rotation.current());
        assertThat(rotation.current().keyId()).isNotEqualTo(rotation.retired().keyId());
        assertThat(permissions(signingKeyFile())).isEqualTo("rw-------");
        node = LetheNode.start(infra, Map.of(), 0, TOKEN, rotated);
        currentKey = rotation.current();

        registerModelAndSignACheckpoint("log-keys-2");

        LogHttpClient http = new LogHttpClient(node.httpPort(), TOKEN);
        JsonNode history = http.get("/api/log/keys").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("keyId").asText()).isEqualTo(String.format("%08x", rotation.retired().keyId()));
        assertThat(history.get(0).get("retiredAt").isNull()).isFalse();
        assertThat(history.get(1).get("verifierKey").asText()).isEqualTo(rotation.current().format());
        assertThat(history.get(1).get("retiredAt").isNull()).isTrue();
        assertThat(http.get("/api/log/status").json().get("verified").asBoolean()).isTrue();
        assertNoTableHolds(privateKeyForms(rotated.logSigningKey()));
        try (Connection c = db.getConnection()) {
            VerifyReport report = ReplayVerifier.verify(c, ReplayVerifier.Options.defaults(ORIGIN));
            assertThat(report.failures()).isEmpty();
            assertThat(report.checkpoints()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Order(4)
    void verifyFailsOnAWrongPinnedKeyAndPassesWithTheRightOnes() throws Exception {
        Path retired = LogSigningKeys.retiredFile(signingKeyFile(), LogSigningKeys.verifier(ORIGIN, legacyKey));
        String current = Base64.getEncoder().encodeToString(currentKey.publicKey());
        String stranger = LogSigningKeys.verifier(ORIGIN, seededKey(11)).format();

        Run pinnedBoth = verify("--public-key", retired.toString(), "--public-key", current);
        Run pinnedStranger = verify("--public-key", stranger);
        Run pinnedNewOnly = verify("--public-key", current);
        Run unpinned = verify();

        assertThat(pinnedBoth.exitCode()).as(pinnedBoth.output()).isZero();
        assertThat(pinnedBoth.output()).contains("trusting only the pinned keys");
        assertThat(pinnedStranger.exitCode()).as(pinnedStranger.output()).isEqualTo(1);
        assertThat(pinnedStranger.output()).contains("is not signed by a trusted key");
        // The checkpoints signed before the rotation name the retired key, which this auditor did not pin.
        assertThat(pinnedNewOnly.exitCode()).as(pinnedNewOnly.output()).isEqualTo(1);
        assertThat(pinnedNewOnly.output()).contains(String.format("%08x", LogSigningKeys.verifier(ORIGIN, legacyKey)
                .keyId()));
        assertThat(unpinned.exitCode()).as(unpinned.output()).isZero();
        assertThat(unpinned.output()).contains("nothing but the database's word");
    }

    /** Every row of every table of every schema, as text (bytea in hex), holds none of {@code forms}. */
    private static void assertNoTableHolds(List<String> forms) throws Exception {
        try (Connection c = db.getConnection()) {
            List<String> tables = LogDatabase.dump(c, "SELECT quote_ident(table_schema) || '.'"
                    + " || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema')");
            assertThat(tables).hasSizeGreaterThan(15);
            long rows = 0;
            for (String table : tables) {
                rows += assertNoSecretIn(c, table.substring(0, table.length() - 1), forms);
            }
            assertThat(rows).isPositive();
        }
    }

    private static List<String> privateKeyForms(KeyPair key) {
        byte[] pkcs8 = key.getPrivate().getEncoded();
        List<String> forms = forms(pkcs8);
        forms.addAll(forms(Ed25519Keys.seedOf(pkcs8)));
        return forms;
    }

    /** What {@code lethe up} does before it starts the services: export a legacy key, migrate, read the files. */
    private static LedgerKeys upStyleKeys() {
        LetheNode.migrate(infra, KeyPaths.inDataDir(dataDir, Map.of()).logSigningKey());
        return LedgerKeys.forDataDir(Map.of(), dataDir);
    }

    private static Path signingKeyFile() {
        return KeyPaths.inDataDir(dataDir, Map.of()).logSigningKey().orElseThrow();
    }

    private static void registerModelAndSignACheckpoint(String model) throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(infra.kafkaBootstrapServers())) {
            kafka.send(Topics.COMMANDS, model, KafkaTestClient.registerModel("cmd-" + model, model, "face"));
        }
        try (Connection c = db.getConnection()) {
            await().atMost(WAIT).until(() -> LogDatabase.count(c, "SELECT count(*) FROM query.models WHERE model_id = '"
                    + model + "'") == 1 && LogDatabase.count(c, "SELECT count(*) FROM query.log_leaves")
                    == LogDatabase.count(c, "SELECT count(*) FROM events.domainevententry"));
        }
        LogHttpClient http = new LogHttpClient(node.httpPort(), TOKEN);
        assertThat(http.post("/api/log/checkpoint", true).status()).isEqualTo(200);
        assertThat(http.get("/api/log/checkpoint").body()).contains(ORIGIN + " ");
    }

    /** The text forms the secret bytes could take in a row: hex (bytea's output), base64, and the PEM's lines. */
    private static List<String> forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        forms.add(HexFormat.of().formatHex(secret));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        return forms;
    }

    /** Reads every row of {@code table} as text (bytea in hex) and fails on any form of the secret; returns rows. */
    private static long assertNoSecretIn(Connection c, String table, List<String> forms) throws Exception {
        long rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
            while (rs.next()) {
                rows++;
                String row = rs.getString(1);
                for (String form : forms) {
                    assertThat(row).as(table).doesNotContainIgnoringCase(form);
                }
            }
        }
        return rows;
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs {@code lethe verify} in this JVM against the stack's database, capturing what it prints. */
    private static Run verify(String... pins) {
        List<String> args = new ArrayList<>(List.of("verify", "--data-dir", dataDir.toString(), "--db",
                infra.postgresUrl()));
        if (infra.postgresUser() != null) {
            args.addAll(List.of("--db-user", infra.postgresUser()));
        }
        if (infra.postgresPassword() != null) {
            args.addAll(List.of("--db-password", infra.postgresPassword()));
        }
        args.addAll(List.of(pins));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Lethe()).execute(args.toArray(String[]::new));
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static KeyPair seededKey(long seed) {
        byte[] bytes = new byte[Ed25519Keys.SEED_SIZE];
        new Random(seed).nextBytes(bytes);
        return Ed25519Keys.fromSeed(bytes);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
