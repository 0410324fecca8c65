package io.lethe.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every JSON case of the transparency-dev/merkle test data (happy paths and tampered cases) against the
 * verifier: {@code inclusion} and {@code consistency} (RFC 9162), {@code subtreeinclusion} and
 * {@code subtreeconsistency} (Merkle Tree Certificates draft subtrees).
 */
class Rfc6962VectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FOLDERS =
            List.of("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency");

    @TestFactory
    Stream<DynamicTest> everyVectorFileGivesTheExpectedVerdict() throws IOException {
        return allVectorFiles().stream().map(file -> DynamicTest.dynamicTest(name(file),
                () -> runCase(folderOf(file), JSON.readTree(file.toFile()))));
    }

    @Test
    void everyFolderHasHappyAndTamperedCases() throws IOException {
        List<Path> files = allVectorFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(500);
        for (String folder : FOLDERS) {
            List<JsonNode> cases = new ArrayList<>();
            for (Path file : files) {
                if (folderOf(file).equals(folder)) {
                    cases.add(JSON.readTree(file.toFile()));
                }
            }
            assertThat(cases).as(folder).anyMatch(c -> !c.get("wantErr").asBoolean());
            assertThat(cases).as(folder).anyMatch(c -> c.get("wantErr").asBoolean());
        }
    }

    private static void runCase(String folder, JsonNode c) {
        Verification verification = switch (folder) {
            case "inclusion" -> () -> MerkleProofs.verifyInclusion(bytes(c, "leafHash"), num(c, "leafIdx"),
                    num(c, "treeSize"), hashes(c), bytes(c, "root"));
            case "consistency" -> () -> MerkleProofs.verifyConsistency(num(c, "size1"), num(c, "size2"),
                    hashes(c), bytes(c, "root1"), bytes(c, "root2"));
            case "subtreeinclusion" -> () -> SubtreeProofs.verifySubtreeInclusion(bytes(c, "leafHash"),
                    num(c, "leafIdx"), num(c, "start"), num(c, "end"), hashes(c), bytes(c, "root"));
            case "subtreeconsistency" -> () -> SubtreeProofs.verifySubtreeConsistency(num(c, "start"),
                    num(c, "end"), num(c, "size"), hashes(c), bytes(c, "root1"), bytes(c, "root2"));
            default -> throw new IllegalArgumentException(folder);
        };
        if (c.get("wantErr").asBoolean()) {
            assertThatThrownBy(verification::run).as(c.get("desc").asText())
                    .isInstanceOf(VerificationException.class);
        } else {
            assertThatCode(verification::run).as(c.get("desc").asText()).doesNotThrowAnyException();
        }
    }

    /** Sizes above 2^63-1 (one error case uses 2^63+2) wrap to negative longs, which the verifier rejects. */
    private static long num(JsonNode c, String field) {
        return c.get(field).bigIntegerValue().longValue();
    }

    private static byte[] bytes(JsonNode c, String field) {
        JsonNode node = c.get(field);
        return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
    }

    private static List<byte[]> hashes(JsonNode c) {
        List<byte[]> proof = new ArrayList<>();
        JsonNode node = c.get("proof");
        if (node != null && !node.isNull()) {
            node.forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
        }
        return proof;
    }

    private static List<Path> allVectorFiles() throws IOException {
        Path root = vectorRoot();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Path vectorRoot() {
        try {
            return Path.of(Rfc6962VectorsTest.class.getResource("/rfc6962-vectors").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String folderOf(Path file) {
        return vectorRoot().relativize(file).getName(0).toString();
    }

    private static String name(Path file) {
        return vectorRoot().relativize(file).toString();
    }

    @FunctionalInterface
    private interface Verification {
        void run() throws VerificationException;
    }
}
