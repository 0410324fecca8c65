package io.lethe.api.schemas;

import io.lethe.api.Topics;
import io.lethe.api.commands.CommandType;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document against the code: a channel for every topic of {@link Topics}, a message for every command
 * and event type whose payload is that type's schema, and every file it refers to among {@link ContractSchemas#all()}.
 * Whether it is valid AsyncAPI 3.0 is {@code AsyncApiParserTest}'s question (the reference parser, from npm).
 */
class AsyncApiDocumentTest {

    private static final JsonNode DOCUMENT = new YAMLMapper().readTree(ContractSchemas.asyncApi());

    @Test
    void itIsAsyncApi3WithAChannelForEveryTopic() {
        List<String> addresses = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));

        assertThat(DOCUMENT.path("asyncapi").asString()).startsWith("3.0.");
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void everyCommandTypeIsAMessageOnTheCommandsTopicWithItsSchema() {
        Map<String, String> payloads = payloadsByMessageName(Topics.COMMANDS);
        Map<String, String> expected = new HashMap<>();
        for (CommandType type : CommandType.values()) {
            expected.put(type.cloudEventType(), "./schemas/" + ContractSchemas.command(type));
        }
        assertThat(payloads).isEqualTo(expected);
    }

    @Test
    void everyEventTypeIsAMessageOnTheEventsTopicWithItsSchema() {
        Map<String, String> payloads = payloadsByMessageName(Topics.EVENTS);
        Map<String, String> expected = new HashMap<>();
        for (Class<? extends DomainEvent> type : EventTypes.all()) {
            expected.put(DomainEvent.cloudEventType(type), "./schemas/" + ContractSchemas.event(type));
        }
        assertThat(payloads).isEqualTo(expected);
    }

    @Test
    void everyFileItRefersToIsAServedSchema() {
        List<String> files = new ArrayList<>();
        collectFileRefs(DOCUMENT, files);

        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(ContractSchemas.read(file)).as(file).isPresent());
    }

    /** The messages of the channel at that address: message name to the payload's {@code $ref}. */
    private static Map<String, String> payloadsByMessageName(String address) {
        Map<String, String> payloads = new HashMap<>();
        DOCUMENT.path("channels").forEach(channel -> {
            if (channel.path("address").asString().equals(address)) {
                channel.path("messages").forEach(ref -> {
                    JsonNode message = DOCUMENT.at(ref.path("$ref").asString().substring(1));
                    payloads.put(message.path("name").asString(), message.path("payload").path("$ref").asString());
                });
            }
        });
        return payloads;
    }

    private static void collectFileRefs(JsonNode node, List<String> files) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("./schemas/")) {
            String file = ref.asString().substring("./schemas/".length());
            files.add(file.contains("#") ? file.substring(0, file.indexOf('#')) : file);
        }
        node.forEach(child -> collectFileRefs(child, files));
    }
}
