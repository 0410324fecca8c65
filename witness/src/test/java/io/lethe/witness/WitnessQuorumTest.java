package io.lethe.witness;

import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.Failure;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;
import io.lethe.witness.client.Submission;
import io.lethe.witness.client.WitnessClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Three witnesses on real HTTP servers, a log submitting to them, and a 2-of-3 policy checking the result. */
class WitnessQuorumTest {

    @TempDir
    Path dir;

    private final TestLog log = new TestLog(TestLog.key(11), 0).grow(30);
    private final List<WitnessServer> servers = new ArrayList<>();
    private final List<WitnessClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startWitnesses() throws IOException {
        for (int i = 1; i <= 3; i++) {
            WitnessKey key = WitnessKey.loadOrCreate("witness.test/w" + i, dir.resolve("w" + i + "/key.pem"),
                    TestLog.seeded(100 + i));
            Witness witness = Witness.open(key, List.of(log.verifier()), dir.resolve("w" + i), Clock.systemUTC(),
                    fork -> { });
            WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0), "");
            servers.add(server);
            clients.add(new WitnessClient(URI.create("http://127.0.0.1:" + server.port()), key.verifier(), http,
                    Duration.ofSeconds(5)));
        }
    }

    @AfterEach
    void stopWitnesses() {
        servers.forEach(WitnessServer::close);
    }

    @Test
    void twoOfThreePassesWithOneWitnessDownAndFailsWithTwoDown() throws Exception {
        WitnessPolicy policy = WitnessPolicy.parse(policyText());
        servers.get(2).close();

        String cosigned10 = submitToAll(10, 0);
        assertThat(policy.verify(cosigned10, TestLog.ORIGIN).cosigners())
                .containsExactly("witness.test/w1", "witness.test/w2");

        servers.get(1).close();
        String cosigned20 = submitToAll(20, 10);
        assertThatThrownBy(() -> policy.verify(cosigned20, TestLog.ORIGIN))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.QUORUM_NOT_MET))
                .hasMessageContaining("[witness.test/w1]");
    }

    @Test
    void learnsTheSizeAWitnessHoldsFromA409AndCatchesItUp() throws Exception {
        WitnessClient w1 = clients.get(0);
        assertThat(w1.submit(log.note(10), 0, from -> log.consistencyProof((int) from, 10)))
                .isInstanceOf(Submission.Cosigned.class);

        Submission second = w1.submit(log.note(25), 0, from -> log.consistencyProof((int) from, 25));

        assertThat(second).isInstanceOfSatisfying(Submission.Cosigned.class,
                s -> assertThat(s.heldSize()).isEqualTo(25));
    }

    @Test
    void aForkedCheckpointIsRefusedOverHttpWithBothRoots() throws Exception {
        WitnessClient w1 = clients.get(0);
        w1.submit(log.note(10), 0, from -> List.of());
        TestLog fork = new TestLog(TestLog.key(11), 999).grow(10);

        Submission refused = w1.submit(fork.note(10), 10, from -> List.of());

        assertThat(refused).isInstanceOfSatisfying(Submission.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.reason()).contains(b64(log.hash(0, 10))).contains(b64(fork.hash(0, 10)));
        });
    }

    @Test
    void servesItsKeyAtTheRootAndNothingElse() throws Exception {
        String root = "http://127.0.0.1:" + servers.get(0).port();
        java.net.http.HttpResponse<String> about = http.send(java.net.http.HttpRequest.newBuilder(URI.create(root + "/"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(about.body()).contains("vkey " + clients.get(0).key().vkey());
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(URI.create(root + "/tile/0/000")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(URI.create(root + "/add-checkpoint")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    }

    @Test
    void rejectsAPolicyThatUsesANameBeforeDefiningIt() {
        assertThatThrownBy(() -> WitnessPolicy.parse("log " + hex(log.verifier()) + "\nquorum w1\n"))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_POLICY));
    }

    /** Submits the checkpoint at {@code size} to every witness still up; returns the note with their cosignatures. */
    private String submitToAll(int size, int believedOld) throws Exception {
        String note = log.note(size);
        List<NoteSignature> signatures = new ArrayList<>(SignedNote.parse(note).signatures());
        for (WitnessClient client : clients) {
            try {
                if (client.submit(note, believedOld, from -> log.consistencyProof((int) from, size))
                        instanceof Submission.Cosigned cosigned) {
                    signatures.add(cosigned.cosignature());
                }
            } catch (IOException down) {
                // a witness that is down cosigns nothing
            }
        }
        return new SignedNote(SignedNote.parse(note).body(), signatures).format();
    }

    private String policyText() {
        StringBuilder policy = new StringBuilder("# 2 of 3\nlog ").append(hex(log.verifier())).append('\n');
        for (WitnessClient client : clients) {
            CosignatureVerifier key = client.key();
            policy.append("witness ").append(key.name()).append(' ').append(key.hexKey()).append(" ")
                    .append(client.url()).append('\n');
        }
        return policy.append("group quorum-group 2 witness.test/w1 witness.test/w2 witness.test/w3\n")
                .append("quorum quorum-group\n").toString();
    }

    private static String hex(NoteVerifier key) {
        return HexFormat.of().formatHex(key.publicKey());
    }

    private static String b64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
