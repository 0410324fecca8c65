package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bad-input corpus ({@code bad-commands/corpus.jsonl}): one case a line with the raw value (text,
 * base64 bytes or a named generator), the expected answer ({@code accepted} or an {@link ErrorCode}),
 * the stage that should catch it ({@code parse} or {@code domain}) and optional model ids that must be
 * {@code present} or {@code absent} afterwards. {@code ${run}} is replaced by a per-run token.
 */
record BadCommandCorpus(List<Case> cases) {

    /** The command size limit the corpus is written for (its oversize values exceed it, others do not). */
    static final int MAX_COMMAND_BYTES = 512 * 1024;

    record Case(String name, String expect, String stage, byte[] value, String present, String absent) {

        boolean accepted() {
            return "accepted".equals(expect);
        }

        ErrorCode code() {
            return accepted() ? null : ErrorCode.valueOf(expect);
        }

        /** Values that are not commands at all, or forged, are also copied to the dead-letter topic. */
        boolean deadLettered() {
            return !accepted() && code().isDeadLettered();
        }

        /** Dead letters of values with personal data in the clear leave the value out. */
        boolean redacted() {
            return !accepted() && code().isRedactedInDeadLetters();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static BadCommandCorpus load(String run) {
        var stream = Objects.requireNonNull(BadCommandCorpus.class.getResourceAsStream("/bad-commands/corpus.jsonl"));
        List<Case> cases = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    cases.add(parse(Json.mapper().readTree(line.replace("${run}", run)), run));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BadCommandCorpus(cases);
    }

    private static Case parse(JsonNode line, String run) {
        byte[] value;
        if (line.has("value")) {
            value = line.get("value").asText().getBytes(StandardCharsets.UTF_8);
        } else if (line.has("base64")) {
            value = Base64.getDecoder().decode(line.get("base64").asText());
        } else {
            value = generate(line.get("generate").asText(), run);
        }
        return new Case(line.get("name").asText(), line.get("expect").asText(), line.get("stage").asText(), value,
                line.path("present").asText(null), line.path("absent").asText(null));
    }

    /** Values too big or too repetitive to keep in the file. */
    private static byte[] generate(String generator, String run) {
        String text = switch (generator) {
            case "longId" -> CommandsFixture.registerModel("x".repeat(257), "long-" + run, "face");
            case "nested" -> CommandsFixture.envelope("bad-" + run + "-nested", "lethe.RegisterModel",
                    "{\"modelId\":\"n-" + run + "\",\"task\":\"face\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
            case "tooManyRecords" -> CommandsFixture.envelope("bad-" + run + "-many", "lethe.IngestRecords",
                    "{\"dataset\":\"d\",\"records\":[" + IntStream.range(0, 1001).mapToObj(i -> "{\"recordId\":\"r" + i
                            + "\",\"subjectId\":\"s\",\"label\":\"l\",\"source\":\"orl:s1/1.pgm\"}")
                    .collect(Collectors.joining(",")) + "]}");
            case "oversize" -> CommandsFixture.envelope("bad-" + run + "-big", "lethe.RegisterModel",
                    "{\"modelId\":\"big-" + run + "\",\"task\":\"face\",\"padding\":\"" + "A".repeat(MAX_COMMAND_BYTES)
                            + "\"}");
            default -> throw new IllegalArgumentException("no generator " + generator);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
