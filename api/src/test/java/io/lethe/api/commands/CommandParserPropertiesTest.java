package io.lethe.api.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.api.ids.ModelId;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser is the first thing untrusted bytes meet: whatever arrives, it either returns a command
 * or throws {@link LetheException} (which the intake answers and dead-letters); any other exception
 * would stall a partition. And what a well-behaved producer writes, it reads back unchanged.
 */
class CommandParserPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = Arrays.stream(CommandType.values())
            .map(CommandType::cloudEventType).toList();

    private final CommandParser parser = new CommandParser(64 * 1024);
    /** Pseudonyms as the ledger would issue them; the parser checks their form only. */
    private static final io.lethe.crypto.ledger.LedgerSecret PSEUDONYMS = io.lethe.crypto.ledger.LedgerSecret.of(new byte[32]);

    @Property(tries = 2000, seed = "7001")
    void arbitraryBytesNeverThrowAnythingButLetheException(@ForAll @Size(max = 600) byte[] value) {
        assertOnlyLetheException(value);
    }

    @Property(tries = 2000, seed = "7002")
    void arbitraryStringsNeverThrowAnythingButLetheException(@ForAll @Size(max = 400) String value) {
        assertOnlyLetheException(value.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000, seed = "7003")
    void arbitraryJsonTreesNeverThrowAnythingButLetheException(@ForAll("jsonTrees") JsonNode tree) {
        assertOnlyLetheException(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000, seed = "7004")
    void arbitraryDataUnderEveryCommandTypeNeverThrowsAnythingButLetheException(
            @ForAll("commandTypes") String type, @ForAll("jsonTrees") JsonNode data) {
        assertOnlyLetheException(envelope(type, data));
    }

    @Property(tries = 2000, seed = "7005")
    void mutatedValidCommandsNeverThrowAnythingButLetheException(@ForAll("validCommands") Command command,
            @ForAll("jsonTrees") JsonNode replacement, @ForAll int fieldPick) {
        ObjectNode data = Json.mapper().valueToTree(command);
        List<String> fields = new java.util.ArrayList<>();
        data.fieldNames().forEachRemaining(fields::add);
        data.set(fields.get(Math.floorMod(fieldPick, fields.size())), replacement);
        assertOnlyLetheException(envelope(CommandType.of(command).cloudEventType(), data));
    }

    @Property(tries = 1000, seed = "7006")
    void validCommandsRoundTrip(@ForAll("validCommands") Command command) {
        byte[] value = envelope(CommandType.of(command).cloudEventType(), Json.mapper().valueToTree(command));

        assertThat(parser.parse(value).command()).isEqualTo(command);
    }

    private void assertOnlyLetheException(byte[] value) {
        try {
            parser.parse(value);
        } catch (LetheException expected) {
            assertThat(expected.errorCode()).isNotNull();
        }
    }

    private static byte[] envelope(String type, JsonNode data) {
        ObjectNode envelope = NODES.objectNode().put("specversion", "1.0").put("id", "prop-1")
                .put("source", "lethe-worker").put("type", type);
        envelope.set("data", data);
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> commandTypes() {
        return Arbitraries.of(TYPES);
    }

    @Provide
    Arbitrary<JsonNode> jsonTrees() {
        return tree(4);
    }

    private static Arbitrary<JsonNode> tree(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(NODES::textNode),
                Arbitraries.of("face", "orl", "m-1", "exact", "", "1.0").map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            var node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("modelId", "task", "selector", "dataset",
                "records", "recordId", "subjectId", "label", "payload", "source", "subjects", "rank", "slices",
                "seed", "version", "mode", "recordIds", "jobId", "status", "requestedBy", "receivedAt"),
                Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<JsonNode> object = Combinators.combine(keys.list().ofMaxSize(5), child.list().ofSize(5))
                .as((names, values) -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        node.set(names.get(i), values.get(i));
                    }
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, array), Tuple.of(4, object));
    }

    @Provide
    Arbitrary<Command> validCommands() {
        return Arbitraries.oneOf(registerModel(), learn(), forget(), deploy(), ingest());
    }

    private static Arbitrary<String> ids() {
        Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("._:@+-").ofMaxLength(40);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    private static Arbitrary<String> texts() {
        // U+0000 is refused on purpose: PostgreSQL cannot store it (CommandParserStorableTest).
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(64).filter(s -> !s.isBlank() && s.indexOf(0) < 0);
    }

    private static Arbitrary<Command> registerModel() {
        return Combinators.combine(ids(), Arbitraries.of(Task.class))
                .as((id, task) -> new RegisterModelCommand(ModelId.of(id), task, null));
    }

    private static Arbitrary<Selector> selectors() {
        return Combinators.combine(texts(), ids().list().ofMinSize(1).ofMaxSize(5), texts().list().ofMaxSize(3))
                .as((dataset, subjects, labels) -> new Selector(dataset, subjects, labels, List.of()));
    }

    private static Arbitrary<Command> learn() {
        return Combinators.combine(ids(), selectors(), Arbitraries.integers().between(1, LearnCommand.MAX_SLICES),
                        Arbitraries.integers().between(LearnCommand.MIN_RANK, LearnCommand.MAX_RANK),
                        Arbitraries.longs())
                .as((id, selector, slices, rank, seed) -> new LearnCommand(ModelId.of(id), selector, slices, rank, seed));
    }

    private static Arbitrary<Command> forget() {
        return Combinators.combine(ids(), ids().list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(ForgetMode.class))
                .as((id, records, mode) -> new ForgetCommand(ModelId.of(id), null,
                        records.stream().map(RecordId::of).toList(), mode));
    }

    private static Arbitrary<Command> deploy() {
        return Combinators.combine(ids(), Arbitraries.integers().between(1, Integer.MAX_VALUE))
                .as((id, version) -> new DeployCommand(ModelId.of(id), version));
    }

    private static Arbitrary<Command> ingest() {
        Arbitrary<RecordSpec> record = Combinators.combine(ids(), ids(), texts(),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(32))
                .as((recordId, subjectId, label, sealed) -> RecordSpec.sealed(RecordId.of(recordId),
                        PSEUDONYMS.subjectPseudonym(subjectId), java.util.Base64.getEncoder().encodeToString(sealed)));
        return Combinators.combine(texts(), record.list().ofMinSize(1).ofMaxSize(10)
                        .uniqueElements(r -> r.recordId().value()))
                .as((dataset, records) -> new IngestRecordsCommand(dataset, records));
    }
}
