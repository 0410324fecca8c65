package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second, independent RFC 8785 implementation for the tests: {@code src/test/js/jcs-check.js} on Node with the
 * npm package {@code canonicalize} (pinned), installed by {@link NodePackages} into {@code target/node-jcs}.
 */
final class NodeJcs {

    private static final String PACKAGE = "canonicalize@2.1.0";
    private static final Path SCRIPT = Path.of("src", "test", "js", "jcs-check.js");

    private NodeJcs() {
    }

    /**
     * Checks the cases (see the script for their form); fails the test with the script's findings when any
     * leaf or certificate disagrees.
     *
     * @return the script's summary line
     */
    static String check(JsonNode cases) throws IOException, InterruptedException {
        Path modules = NodePackages.install(PACKAGE, "node-jcs");
        Path file = Files.createTempFile("lethe-jcs-cases", ".json");
        try {
            Files.write(file, Json.mapper().writeValueAsBytes(cases));
            NodePackages.Result result = NodePackages.run(
                    List.of("node", SCRIPT.toString(), modules.toString(), file.toString()), 2);
            assertThat(result.exitCode()).as(result.output()).isZero();
            return result.output().strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
