package io.lethe.api.schemas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.commands.CommandType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The command parser and the command schemas checked against each other on a corpus of values
 * ({@code src/test/resources/lethe/corpus}): every value under {@code valid/} is accepted by both; every value under
 * {@code invalid/CODE/} is refused by the parser with that code and by the schema {@code command.json}.
 *
 * <p>What a JSON Schema cannot say, and the corpus therefore leaves out: the 1 MiB size limit, distinct record ids
 * within one ingest, U+0000 inside fields the parser ignores, and {@code data_base64} (the parser reads it as
 * {@code data} when its content type is JSON; the schemas describe {@code data} only).
 */
class CommandCorpusTest {

    private static final Path CORPUS = corpus();
    private static final Schema ANY_COMMAND = SchemaCheck.schema(ContractSchemas.ANY_COMMAND);
    private final CommandParser parser = new CommandParser();

    @TestFactory
    Stream<DynamicTest> everyValidCommandPassesTheParserAndItsSchema() throws IOException {
        return files(CORPUS.resolve("valid")).map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] value = Files.readAllBytes(file);
            CommandParser.Parsed parsed = parser.parse(value);
            String text = new String(value, StandardCharsets.UTF_8);

            assertThat(SchemaCheck.findings(ANY_COMMAND, text)).as("command.json").isEmpty();
            assertThat(SchemaCheck.findings(SchemaCheck.schema(ContractSchemas.command(CommandType.of(parsed.command()))),
                    text)).as("the schema of " + parsed.envelope().type()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidCommandFailsTheParserWithItsCodeAndFailsTheSchema() throws IOException {
        return files(CORPUS.resolve("invalid")).map(file -> DynamicTest.dynamicTest(name(file), () -> {
            byte[] value = Files.readAllBytes(file);
            ErrorCode expected = ErrorCode.valueOf(file.getParent().getFileName().toString());

            assertThat(refusal(value)).as(name(file) + ": the parser's code").isEqualTo(expected);
            assertThat(SchemaCheck.findings(ANY_COMMAND, utf8OrNull(value))).as(name(file) + ": command.json's findings").isNotEmpty();
        }));
    }

    @Test
    void theCorpusHasAValidValueOfEveryCommandTypeAndAnInvalidOneForEveryCodeTheParserGives() throws IOException {
        Set<CommandType> valid = files(CORPUS.resolve("valid")).map(this::typeOf).collect(Collectors.toSet());
        Set<String> codes = files(CORPUS.resolve("invalid")).map(f -> f.getParent().getFileName().toString())
                .collect(Collectors.toSet());
        Set<String> parserCodes = EnumSet.allOf(ErrorCode.class).stream()
                .filter(code -> code.isMalformedInput() || code == ErrorCode.EMPTY_SELECTOR
                        || code == ErrorCode.RANK_OUT_OF_RANGE)
                .filter(code -> code != ErrorCode.OVERSIZE) // see tooManyRecordsIsOversizeForBoth
                .map(Enum::name).collect(Collectors.toSet());

        assertThat(valid).containsExactlyInAnyOrder(CommandType.values());
        assertThat(codes).containsAll(parserCodes);
    }

    /** Built here, not stored: 1001 records. */
    @Test
    void tooManyRecordsIsOversizeForBoth() throws IOException {
        ObjectNode command = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(
                CORPUS.resolve("valid").resolve("ingest-records-sample.json")));
        ArrayNode records = ((ObjectNode) command.get("data")).putArray("records");
        for (int i = 0; i <= 1000; i++) {
            records.addObject().put("recordId", "r-" + i).put("subjectId", "s-" + i).put("label", "l")
                    .put("source", "faces/0001");
        }
        byte[] value = Json.mapper().writeValueAsBytes(command);

        assertThat(refusal(value)).isEqualTo(ErrorCode.OVERSIZE);
        assertThat(SchemaCheck.findings(ANY_COMMAND, new String(value, StandardCharsets.UTF_8))).isNotEmpty();
    }

    private ErrorCode refusal(byte[] value) {
        LetheException refused = catchThrowableOfType(LetheException.class, () -> parser.parse(value));
        assertThat(refused).as("the parser accepted it").isNotNull();
        return refused.errorCode();
    }

    private CommandType typeOf(Path file) {
        try {
            return CommandType.of(parser.parse(Files.readAllBytes(file)).command());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The value as text, or text that is no JSON at all when the bytes are not UTF-8 (so the schema refuses it). */
    private static String utf8OrNull(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
    }

    private static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static Stream<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            return files.stream();
        }
    }

    private static Path corpus() {
        try {
            return Path.of(CommandCorpusTest.class.getClassLoader().getResource("lethe/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
