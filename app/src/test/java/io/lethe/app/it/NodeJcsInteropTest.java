package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.api.events.EventEnvelope;
import io.lethe.verifier.Rfc6962;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaf inputs and a signed document made by our {@link CanonicalJson} are byte for byte what a JavaScript RFC 8785
 * implementation makes of the same JSON (see {@link NodeJcs}): awkward numbers, escapes and key orders included.
 * {@code ErasureIT} does the same with a real certificate and the real log.
 */
class NodeJcsInteropTest {

    @Test
    void leafInputsAndASignatureVerifyWithAJavaScriptJcs() throws Exception {
        ObjectNode cases = Json.mapper().createObjectNode();
        ArrayNode leaves = cases.putArray("leaves");
        Random random = new Random(8785);
        for (int i = 0; i < 50; i++) {
            byte[] input = envelope(i, random).leafInput();
            leaves.addObject().put("leafInput", b64(input)).put("leafHash", b64(Rfc6962.leafHash(input)));
        }
        cases.putArray("certificates").add(signed(awkward(random)));

        assertThat(NodeJcs.check(cases)).isEqualTo("ok: 50 leaves, 1 certificates");
    }

    private static EventEnvelope envelope(int i, Random random) {
        return new EventEnvelope("evt-" + i, "lethe.VersionCompleted", "Model", "face-" + i, i,
                Instant.parse("2026-12-01T12:00:00Z").plusMillis(i), awkward(random), i);
    }

    /** Fractions of every magnitude, integers, escapes, and keys whose UTF-16 order is not their code point order. */
    private static ObjectNode awkward(Random random) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("energyJoules", random.nextDouble() * Math.pow(10, random.nextInt(60) - 30));
        data.put("accuracy", random.nextInt(1000) / 1000.0);
        data.put("ratio", 0.1 + 0.2);
        data.put("whole", 56.0);
        data.put("large", 1e21);
        data.put("pulses", random.nextInt());
        data.put("seed", 9007199254740991L);
        data.put("label", "Zoë € \uD83D\uDE00 \"quoted\" back\\slash\ttab\u0001/");
        data.put("\uFB33", "after the emoji in UTF-16 order");
        data.put("\uD83D\uDE00", "before it");
        ArrayNode metrics = data.putArray("metrics");
        for (int k = 0; k < 5; k++) {
            metrics.add(random.nextGaussian() * 1e-7);
        }
        data.putObject("nested").put("z", -0.0).put("a", 5e-324).put("m", 1.7976931348623157e308);
        return data;
    }

    private static JsonNode signed(ObjectNode document) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(CanonicalJson.bytes(document));
        byte[] x509 = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        ObjectNode certificate = Json.mapper().createObjectNode();
        certificate.set("certificate", document);
        certificate.put("publicKey", b64(raw));
        certificate.put("signature", b64(signer.sign()));
        return certificate;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
