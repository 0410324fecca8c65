package io.lethe.api.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import io.lethe.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CanonicalJson} against RFC 8785's own test vectors ({@code src/test/resources/rfc8785}): the number table
 * of Appendix B and the examples of sections 3.2.2 (values) and 3.2.3 (sorting), plus a nesting case.
 */
class CanonicalJsonRfc8785Test {

    @Test
    void everyNumberOfAppendixBSerialisesAsTheRfcSays() throws IOException {
        List<String> lines = resource("numbers.txt").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines).hasSize(26);
        for (String line : lines) {
            String[] parts = line.split(" ");
            double value = ByteBuffer.wrap(HexFormat.of().parseHex(parts[0])).getDouble();
            if (parts[1].equals("error")) {
                assertThatThrownBy(() -> CanonicalJson.bytes(DoubleNode.valueOf(value))).as(parts[0])
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(text(DoubleNode.valueOf(value))).as(parts[0]).isEqualTo(parts[1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values", "sorting", "structures"})
    void theRfcExamplesCanonicaliseToTheirOutputs(String name) throws IOException {
        JsonNode input = Json.mapper().readTree(resource(name + ".input.json"));
        assertThat(new String(CanonicalJson.bytes(input), StandardCharsets.UTF_8))
                .isEqualTo(resource(name + ".output.json"));
    }

    @Test
    void keysSortByUtf16CodeUnitsNotByCodePoint() throws IOException {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33 although its code point is larger.
        JsonNode value = Json.mapper().readTree("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2}");
        assertThat(text(value)).isEqualTo("{\"\ud83d\ude00\":2,\"\ufb33\":1}");
    }

    @Test
    void controlCharactersUseEcmaScriptEscapes() throws IOException {
        JsonNode value = Json.mapper().readTree("\"\\u0000\\u0008\\u0009\\u000a\\u000c\\u000d\\u001f\\u007f/\"");
        assertThat(text(value)).isEqualTo("\"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f/\"");
    }

    @Test
    void integersBeyondTwoToThe53KeepEveryDigit() {
        assertThat(text(Json.mapper().valueToTree(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
        assertThat(text(Json.mapper().valueToTree(new BigInteger("-123456789012345678901234567890"))))
                .isEqualTo("-123456789012345678901234567890");
        assertThat(text(Json.mapper().valueToTree(9007199254740993L))).isEqualTo("9007199254740993");
    }

    @Test
    void fractionsAreEcmaScriptNumbersWhateverTheirJavaType() {
        assertThat(text(DoubleNode.valueOf(1.0))).isEqualTo("1");
        assertThat(text(DoubleNode.valueOf(1.0E-6))).isEqualTo("0.000001");
        assertThat(text(DoubleNode.valueOf(-0.0))).isEqualTo("0");
        assertThat(text(FloatNode.valueOf(0.1f))).as("a float is the double its JSON text reads as").isEqualTo("0.1");
        assertThat(text(Json.mapper().valueToTree(new java.math.BigDecimal("4.50")))).isEqualTo("4.5");
    }

    @Test
    void anObjectIsCanonicalisedAsTheJsonItIsServedAs() {
        record Metrics(double accuracy, double auc, float loss) {
        }
        assertThat(new String(CanonicalJson.bytes(new Metrics(0.5, Double.NaN, 0.1f)), StandardCharsets.UTF_8))
                .isEqualTo("{\"accuracy\":0.5,\"auc\":\"NaN\",\"loss\":0.1}");
    }

    @Test
    void loneSurrogatesHaveNoCanonicalForm() {
        assertThatThrownBy(() -> CanonicalJson.bytes(Json.mapper().valueToTree("a\ud800b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLegacyFormIsKeptForDataSignedBefore() throws IOException {
        JsonNode value = Json.mapper().readTree("{\"b\":1.0E-6,\"a\":2.5}");
        assertThat(new String(CanonicalJson.legacyBytes(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":2.5,\"b\":1.0E-6}");
        assertThat(text(value)).isEqualTo("{\"a\":2.5,\"b\":0.000001}");
    }

    private static String text(JsonNode value) {
        return new String(CanonicalJson.bytes(value), StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CanonicalJsonRfc8785Test.class.getResourceAsStream("/rfc8785/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
