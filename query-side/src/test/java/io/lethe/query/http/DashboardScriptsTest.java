package io.lethe.query.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's JavaScript unit tests ({@code src/test/js/*.test.mjs}), run with Node's built-in test runner:
 * Node is the only thing they need, no npm package. The browser itself is exercised by {@code DashboardBrowserIT}.
 */
class DashboardScriptsTest {

    private static final Path TESTS = Path.of("src", "test", "js");

    @Test
    void dashboardScriptTestsPass() throws Exception {
        assertThat(TESTS).isDirectory();
        Path log = Files.createTempFile("dashboard-js-tests", ".txt");
        Process node = new ProcessBuilder("node", "--test", TESTS.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = node.waitFor(2, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished).as("node --test finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0");
    }
}
