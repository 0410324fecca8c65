package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second, independent RFC 8785 implementation for the tests: {@code src/test/js/jcs-check.js} on Node with the
 * npm package {@code canonicalize} (pinned), which the first call installs from the npm registry into
 * {@code target/node-jcs}. Needs Node and npm on the path.
 */
final class NodeJcs {

    private static final String PACKAGE = "canonicalize@2.1.0";
    private static final Path PREFIX = Path.of("target", "node-jcs");
    private static final Path MODULES = PREFIX.resolve("node_modules");
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
        install();
        Path file = Files.createTempFile("lethe-jcs-cases", ".json");
        try {
            Files.write(file, Json.mapper().writeValueAsBytes(cases));
            Result result = run(List.of("node", SCRIPT.toString(), MODULES.toString(), file.toString()), 2);
            assertThat(result.exitCode()).as(result.output()).isZero();
            return result.output().strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.exists(MODULES.resolve("canonicalize").resolve("package.json"))) {
            return;
        }
        Files.createDirectories(PREFIX);
        Result npm = run(List.of("npm", "install", "--prefix", PREFIX.toString(), "--no-save", "--no-package-lock",
                "--no-audit", "--no-fund", PACKAGE), 5);
        assertThat(npm.exitCode()).as("npm install " + PACKAGE + ":\n" + npm.output()).isZero();
    }

    private static Result run(List<String> command, int minutes) throws IOException, InterruptedException {
        Path log = Files.createTempFile("lethe-node", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " min");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
