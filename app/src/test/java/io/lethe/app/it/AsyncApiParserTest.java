package io.lethe.app.it;

import io.lethe.api.Topics;
import io.lethe.api.commands.CommandType;
import io.lethe.api.events.EventTypes;
import io.lethe.api.schemas.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document and its JSON Schemas, exactly as the api jar holds them (and the query side serves them),
 * parsed by the reference AsyncAPI parser ({@code src/test/js/asyncapi-check.js}, npm {@code @asyncapi/parser},
 * pinned): valid AsyncAPI 3.0, every {@code $ref} resolved, no error and no warning.
 */
class AsyncApiParserTest {

    private static final String PARSER = "@asyncapi/parser@3.6.3";
    private static final Path SCRIPT = Path.of("src", "test", "js", "asyncapi-check.js");

    @Test
    void theReferenceParserAcceptsTheDocumentWithEveryReferenceResolved() throws Exception {
        assertParses(copyFromTheJar(Path.of("target", "asyncapi")).toString());
    }

    /**
     * Parses the document at a file path or an {@code http://} URL (its schemas then fetched by their relative
     * paths) and fails unless it has a channel per topic, a message per command and event type plus the reply, the
     * job and the three dead letters, and no error or warning.
     */
    static void assertParses(String fileOrUrl) throws Exception {
        Path modules = NodePackages.install(PARSER, "node-asyncapi");

        NodePackages.Result parsed = NodePackages.run(
                List.of("node", SCRIPT.toString(), modules.toString(), fileOrUrl), 3);

        assertThat(parsed.exitCode()).as(parsed.output()).isZero();
        int messages = CommandType.values().length + EventTypes.all().size() + 5;
        assertThat(parsed.output()).as(parsed.output())
                .contains("ok: " + Topics.all().size() + " channels, " + messages + " messages");
    }

    /** The document and every schema, laid out as in the jar (so the relative references resolve the same way). */
    private static Path copyFromTheJar(Path folder) throws Exception {
        Path document = folder.resolve(ContractSchemas.ASYNCAPI);
        Files.createDirectories(document.getParent());
        Files.write(document, ContractSchemas.asyncApi());
        for (String name : ContractSchemas.all()) {
            Path schema = folder.resolve(ContractSchemas.SCHEMAS).resolve(name);
            Files.createDirectories(schema.getParent());
            Files.write(schema, ContractSchemas.read(name).orElseThrow());
        }
        return document;
    }
}
