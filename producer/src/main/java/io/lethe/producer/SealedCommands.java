package io.lethe.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.Json;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The commands' {@code data} as the producer library writes them, free of personal data in the clear:
 * payloads and labels sealed, subjects named by pseudonym. Kept apart from the Kafka client so what goes
 * on the wire can be checked without a broker.
 */
final class SealedCommands {

    private final SubjectKeyClient keys;

    SealedCommands(SubjectKeyClient keys) {
        this.keys = keys;
    }

    ObjectNode ingest(String dataset, List<PersonalRecord> records) {
        ObjectNode data = Json.mapper().createObjectNode().put("dataset", dataset);
        ArrayNode sealed = data.putArray("records");
        for (PersonalRecord record : records) {
            SubjectKey key = keys.keyOf(record.subjectId());
            byte[] seal = ProducerSeal.seal(key.key(), record.recordId(), key.subjectPseudonym(),
                    new RecordSealing.OpenRecord(record.label(), record.payload()));
            sealed.addObject().put("recordId", record.recordId()).put("subjectPseudonym", key.subjectPseudonym())
                    .put("sealed", Base64.getEncoder().encodeToString(seal));
        }
        return data;
    }

    ObjectNode forgetSubject(String modelId, String subjectId, String mode) {
        ObjectNode data = Json.mapper().createObjectNode().put("modelId", modelId)
                .put("subjectPseudonym", keys.pseudonymOf(subjectId));
        return mode == null ? data : data.put("mode", mode);
    }

    ObjectNode requestErasure(String subjectId, String requestedBy) {
        return Json.mapper().createObjectNode().put("subjectPseudonym", keys.pseudonymOf(subjectId))
                .put("requestedBy", requestedBy);
    }

    ObjectNode selectorOfSubjects(String dataset, Collection<String> subjectIds) {
        ObjectNode selector = Json.mapper().createObjectNode().put("dataset", dataset);
        ArrayNode pseudonyms = selector.putArray("subjectPseudonyms");
        subjectIds.forEach(subject -> pseudonyms.add(keys.pseudonymOf(subject)));
        return selector;
    }

    /** A structured-mode CloudEvent around {@code data}. */
    static ObjectNode envelope(String commandId, String source, String type, JsonNode data) {
        ObjectNode event = Json.mapper().createObjectNode().put("specversion", "1.0").put("id", commandId)
                .put("source", source).put("type", type).put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }
}
