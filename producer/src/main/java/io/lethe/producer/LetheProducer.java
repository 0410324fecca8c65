package io.lethe.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.api.CommandResult;
import io.lethe.api.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private final SealedCommands commands;
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
        this.commands = new SealedCommands(keys);
        this.source = source;
    }

    /** Seals every record under its subject's key and sends one {@code lethe.IngestRecords}. */
    public String ingest(String commandId, String dataset, List<PersonalRecord> records) {
        return send(commandId, "lethe.IngestRecords", dataset, commands.ingest(dataset, records));
    }

    /** {@code lethe.Forget} of every record of a subject, named by pseudonym; {@code mode} may be null (auto). */
    public String forgetSubject(String commandId, String modelId, String subjectId, String mode) {
        return send(commandId, "lethe.Forget", modelId, commands.forgetSubject(modelId, subjectId, mode));
    }

    /** {@code lethe.RequestErasure} of a subject, named by pseudonym (also its Kafka key). */
    public String requestErasure(String commandId, String subjectId, String requestedBy) {
        return send(commandId, "lethe.RequestErasure", keys.pseudonymOf(subjectId),
                commands.requestErasure(subjectId, requestedBy));
    }

    /** A selector for training commands that names subjects by pseudonym: {@code {dataset, subjectPseudonyms}}. */
    public ObjectNode selectorOfSubjects(String dataset, Collection<String> subjectIds) {
        return commands.selectorOfSubjects(dataset, subjectIds);
    }

    /**
     * Sends any command whose {@code data} is already free of personal data in the clear, keyed by
     * {@code key}; waits for the broker's acknowledgement.
     */
    public String send(String commandId, String type, String key, JsonNode data) {
        ObjectNode event = SealedCommands.envelope(commandId, source, type, data);
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
