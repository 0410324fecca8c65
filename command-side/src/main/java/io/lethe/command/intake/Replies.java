package io.lethe.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lethe.api.CommandResult;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Map;

/**
 * Writes replies to {@code lethe.command-results} and copies malformed values to {@code lethe.commands.dlq}.
 * Both carry {@code lethe.original.offset} ({@code topic-partition@offset} of the command), so a producer can
 * match a reply to what it sent even when the value was too broken to name its command id.
 */
public final class Replies implements AutoCloseable {

    /** Header on replies and dead letters: where the command was read, {@code lethe.commands-2@17}. */
    public static final String ORIGINAL_OFFSET_HEADER = "lethe.original.offset";
    /** Header on a dead letter whose value was left out because it carried personal data in the clear. */
    public static final String REDACTED_HEADER = "lethe.redacted";

    private final Producer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public Replies(Map<String, Object> producerConfig) {
        this.producer = new KafkaProducer<>(producerConfig);
    }

    /** Replies through a producer of the caller's choosing (tests inject one whose sends fail). */
    Replies(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    void reply(ConsumerRecord<String, byte[]> command, CommandResult result) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ORIGINAL_OFFSET_HEADER, originalOffset(command));
        pending.add(producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, null, result.commandId(), json(result),
                headers)));
        if (!result.isAccepted() && result.errorCode().isDeadLettered()) {
            pending.add(producer.send(deadLetter(command, result)));
        }
    }

    private static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> command,
                                                             CommandResult result) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : command.headers()) {
            headers.add(header);
        }
        headers.add(Topics.DLQ_ERROR_CODE_HEADER, result.errorCode().name().getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_ERROR_MESSAGE_HEADER, String.valueOf(result.message()).getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGINAL_OFFSET_HEADER, originalOffset(command));
        if (result.errorCode().isRedactedInDeadLetters()) {
            // A second copy of personal data in the clear would outlive any erasure; the header says where
            // the original is (until lethe.commands' retention removes it).
            headers.add(REDACTED_HEADER, "value".getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(Topics.COMMANDS_DLQ, null, command.key(), null, headers);
        }
        return new ProducerRecord<>(Topics.COMMANDS_DLQ, null, command.key(), command.value(), headers);
    }

    private static byte[] originalOffset(ConsumerRecord<String, byte[]> command) {
        return (command.topic() + "-" + command.partition() + "@" + command.offset()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The replies and dead letters sent since the last call, handed over to be awaited before their batch's offsets
     * are committed; they go out within the producer's linger meanwhile, without holding up the next batch.
     */
    Sent sent() {
        Sent sent = new Sent(List.copyOf(pending));
        pending.clear();
        return sent;
    }

    /** Sends in flight: acknowledged or not. */
    record Sent(List<Future<RecordMetadata>> sends) {

        /** Whether every send has its answer from the broker, an acknowledgement or a failure. */
        boolean isDone() {
            return sends.stream().allMatch(Future::isDone);
        }

        /**
         * Blocks until every send is acknowledged. {@code producer.flush()} alone would return after a failed send
         * too, and the batch's offsets would then be committed with its answers lost.
         *
         * @throws org.apache.kafka.common.KafkaException when one was not acknowledged: the caller commits nothing
         *                                                and answers the batch again (its commands are recognised by id)
         */
        void await() {
            try {
                for (Future<RecordMetadata> sent : sends) {
                    sent.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.KafkaException("interrupted while awaiting replies", e);
            } catch (ExecutionException e) {
                throw new org.apache.kafka.common.KafkaException("a reply was not acknowledged: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    private static byte[] json(CommandResult result) {
        try {
            return Json.mapper().writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reply", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
