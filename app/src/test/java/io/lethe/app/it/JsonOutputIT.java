package io.lethe.app.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code --json} command, run from the packaged jar as a script would run it, prints exactly one JSON
 * document on stdout: the logs of the embedded stack and the progress lines go to stderr. ({@code verify} has
 * no {@code --json}.)
 */
class JsonOutputIT {

    private static final Path JAR = Path.of("target", "lethe-app.jar");

    @Test
    void benchJsonPrintsOneDocumentOnStdoutAndItsLogsOnStderr() throws Exception {
        Output out = run(10, "bench", "--json", "--only", "log");
        JsonNode report = single(out);
        assertThat(report.path("results")).as(out.stdout()).isNotEmpty();
        assertThat(out.stderr()).as("the stack's logs are still shown, on stderr").isNotBlank();
    }

    @Test
    void simReportJsonPrintsOneDocumentOnStdout() throws Exception {
        Output out = run(10, "sim", "report", "--task", "face", "--json");
        assertThat(single(out).isObject()).isTrue();
        assertThat(out.stderr()).as("the progress lines").isNotBlank();
    }

    @Test
    void aChallengeScoreWithFewerThanThreeModelsOrOutsideTheCiModelIsRefused() throws Exception {
        for (String[] args : List.of(new String[] {"--challenge-models", "2"},
                new String[] {"--challenge-models", "4", "--arch", "paper"})) {
            List<String> command = new ArrayList<>(List.of("sim", "report", "--task", "face", "--json"));
            command.addAll(List.of(args));
            Output out = run(2, command.toArray(String[]::new));
            assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
            assertThat(out.stderr()).contains("--challenge-models takes N >= 3");
            assertThat(out.stdout()).isBlank();
        }
    }

    /** Parses stdout as one JSON document; anything before or after it fails the parse. */
    private static JsonNode single(Output out) throws IOException {
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stderr()).as("logback read its configuration").doesNotContain("|-ERROR in ch.qos.logback");
        return Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(out.stdout());
    }

    private static Output run(int minutes, String... args) throws Exception {
        assertThat(JAR).as("run the package phase first").exists();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("lethe-json-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("POSTGRES_URL");
        Process process = builder.start();
        process.getOutputStream().close();
        // Read stdout to its end before waiting, so a full pipe can never stall the child.
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish in " + minutes + " min");
        }
        String errors = Files.readString(stderr);
        Files.deleteIfExists(stderr);
        return new Output(process.exitValue(), stdout, errors);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Output(int exitCode, String stdout, String stderr) {
    }
}
