package io.lethe.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.CommandResult;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.vault.ProducerSeal;
import io.lethe.api.vault.RecordSealing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Lethe commands the way personal data must travel: payloads and labels sealed under the data
 * subject's vault key ({@link ProducerSeal}), subjects named by pseudonym only. Nothing this class writes
 * to Kafka holds a payload, a label or a subject id in the clear, so shredding the subject's key in an
 * erasure makes every copy on every topic, replica and backup unreadable.
 *
 * <p>Commands are CloudEvents in structured mode, as the Kafka protocol binding specifies. Each call
 * returns the command id; {@link #awaitReply} waits for the ledger's answer.
 */
public final class LetheProducer implements AutoCloseable {

    /** The Kafka header of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final KafkaProducer<String, byte[]> producer;
    private final ReplyReader replies;
    private final SubjectKeyClient keys;
    private final String source;

    /**
     * @param kafka  Kafka client settings, at least {@code bootstrap.servers} (SASL/TLS settings pass through)
     * @param keys   where subjects' pseudonyms and keys come from
     * @param source the CloudEvent {@code source} of every command, e.g. {@code ml-platform}
     */
    public LetheProducer(Map<String, Object> kafka, SubjectKeyClient keys, String source) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.replies = new ReplyReader(kafka);
        this.keys = keys;
        this.source = source;
    }

    /** Seals every record under its subject's key and sends one {@code lethe.IngestRecords}. */
    public String ingest(String commandId, String dataset, List<PersonalRecord> records) {
        ObjectNode data = Json.mapper().createObjectNode().put("dataset", dataset);
        ArrayNode sealed = data.putArray("records");
        for (PersonalRecord record : records) {
            SubjectKey key = keys.keyOf(record.subjectId());
            byte[] seal = ProducerSeal.seal(key.key(), record.recordId(), key.subjectPseudonym(),
                    new RecordSealing.OpenRecord(record.label(), record.payload()));
            sealed.addObject().put("recordId", record.recordId()).put("subjectPseudonym", key.subjectPseudonym())
                    .put("sealed", Base64.getEncoder().encodeToString(seal));
        }
        return send(commandId, "lethe.IngestRecords", dataset, data);
    }

    /** {@code lethe.Forget} of every record of a subject, named by pseudonym; {@code mode} may be null (auto). */
    public String forgetSubject(String commandId, String modelId, String subjectId, String mode) {
        ObjectNode data = Json.mapper().createObjectNode().put("modelId", modelId)
                .put("subjectPseudonym", keys.pseudonymOf(subjectId));
        if (mode != null) {
            data.put("mode", mode);
        }
        return send(commandId, "lethe.Forget", modelId, data);
    }

    /** {@code lethe.RequestErasure} of a subject, named by pseudonym. */
    public String requestErasure(String commandId, String subjectId, String requestedBy) {
        String pseudonym = keys.pseudonymOf(subjectId);
        ObjectNode data = Json.mapper().createObjectNode().put("subjectPseudonym", pseudonym)
                .put("requestedBy", requestedBy);
        return send(commandId, "lethe.RequestErasure", pseudonym, data);
    }

    /** A selector for training commands that names subjects by pseudonym: {@code {dataset, subjectPseudonyms}}. */
    public ObjectNode selectorOfSubjects(String dataset, Collection<String> subjectIds) {
        ObjectNode selector = Json.mapper().createObjectNode().put("dataset", dataset);
        ArrayNode pseudonyms = selector.putArray("subjectPseudonyms");
        subjectIds.forEach(subject -> pseudonyms.add(keys.pseudonymOf(subject)));
        return selector;
    }

    /**
     * Sends any command whose {@code data} is already free of personal data in the clear, keyed by
     * {@code key}; waits for the broker's acknowledgement.
     */
    public String send(String commandId, String type, String key, JsonNode data) {
        ObjectNode event = Json.mapper().createObjectNode().put("specversion", "1.0").put("id", commandId)
                .put("source", source).put("type", type).put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, null, key,
                    event.toString().getBytes(StandardCharsets.UTF_8), headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("INTERRUPTED", "interrupted while sending command " + commandId);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProducerException("TRANSPORT", "command " + commandId + " was not acknowledged by Kafka: "
                    + e.getMessage());
        }
        return commandId;
    }

    /** A fresh command id. */
    public static String newCommandId() {
        return "cmd-" + UUID.randomUUID();
    }

    /** The ledger's answer to a command sent by this producer. */
    public CommandResult awaitReply(String commandId, Duration timeout) {
        return replies.await(commandId, timeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        replies.close();
    }
}
