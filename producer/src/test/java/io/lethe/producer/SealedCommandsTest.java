package io.lethe.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.lethe.api.Json;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.commands.IngestRecordsCommand;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the library puts on the wire, against a local HTTP server that answers {@code POST /api/subject-keys}
 * as the query side does (its real counterpart runs in ErasureOnTheBytesIT and VaultPrivacyIT).
 */
class SealedCommandsTest {

    private static final LedgerSecret SECRET = LedgerSecret.of(new byte[32]);
    private static final byte[] KEY = RecordSealing.newSubjectKey();
    private static final String SUBJECT = "alice@example.org";

    private HttpServer ledger;
    private final AtomicInteger keyRequests = new AtomicInteger();

    @BeforeEach
    void startLedger() throws Exception {
        ledger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ledger.createContext("/api/subject-keys", exchange -> {
            keyRequests.incrementAndGet();
            boolean authorised = "Bearer producer-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String subject = Json.mapper().readTree(exchange.getRequestBody()).path("subjectId").asText();
            byte[] body = (authorised
                    ? "{\"subjectPseudonym\":\"" + SECRET.subjectPseudonym(subject) + "\",\"key\":\""
                    + Base64.getEncoder().encodeToString(KEY) + "\",\"keyId\":\"k1\"}"
                    : "{\"errorCode\":\"UNAUTHENTICATED\",\"message\":\"no token\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ledger.start();
    }

    @AfterEach
    void stopLedger() {
        ledger.stop(0);
    }

    private SubjectKeyClient keys(String token) {
        return new SubjectKeyClient(URI.create("http://127.0.0.1:" + ledger.getAddress().getPort()), token);
    }

    @Test
    void anIngestCarriesPseudonymsAndSealsOnlyAndTheLedgersParserAcceptsIt() throws Exception {
        byte[] payload = "P5 raw face bytes of alice".getBytes(StandardCharsets.UTF_8);
        JsonNode data = new SealedCommands(keys("producer-token"))
                .ingest("faces", List.of(new PersonalRecord("face-7f3a", SUBJECT, "alice", payload)));

        String wire = SealedCommands.envelope("c-1", "test", "lethe.IngestRecords", data).toString();
        assertThat(wire).doesNotContain(SUBJECT).doesNotContain("alice")
                .doesNotContain(Base64.getEncoder().encodeToString(payload)).doesNotContain("raw face bytes");
        var command = (IngestRecordsCommand) new CommandParser(1 << 20).parse(wire.getBytes(StandardCharsets.UTF_8))
                .command();
        var record = command.records().get(0);
        assertThat(record.subjectPseudonym()).isEqualTo(SECRET.subjectPseudonym(SUBJECT));
        var opened = ProducerSeal.open(KEY, "face-7f3a", record.subjectPseudonym(),
                Base64.getDecoder().decode(record.sealed())).orElseThrow();
        assertThat(opened.label()).isEqualTo("alice");
        assertThat(opened.payload()).isEqualTo(payload);
    }

    @Test
    void subjectsAreNamedByPseudonymAndEachKeyIsAskedForOnce() {
        SealedCommands commands = new SealedCommands(keys("producer-token"));
        String pseudonym = SECRET.subjectPseudonym(SUBJECT);

        assertThat(commands.forgetSubject("face-1", SUBJECT, null).toString())
                .contains(pseudonym).doesNotContain(SUBJECT);
        assertThat(commands.requestErasure(SUBJECT, "dpo").get("subjectPseudonym").asText()).isEqualTo(pseudonym);
        assertThat(commands.selectorOfSubjects("faces", List.of(SUBJECT)).get("subjectPseudonyms").get(0).asText())
                .isEqualTo(pseudonym);
        assertThat(keyRequests).hasValue(1);
    }

    @Test
    void aRefusedKeyRequestNamesTheLedgersCode() {
        assertThatThrownBy(() -> keys("wrong").keyOf(SUBJECT))
                .isInstanceOfSatisfying(ProducerException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("UNAUTHENTICATED"));
    }
}
