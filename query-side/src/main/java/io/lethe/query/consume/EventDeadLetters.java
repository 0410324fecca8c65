package io.lethe.query.consume;

import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies an event the query side could not project to {@code lethe.events.dlq}: the original bytes and
 * key, headers naming the error and where it was read. Counts them, so {@code /health} can say so.
 */
final class EventDeadLetters implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> last = new AtomicReference<>();

    EventDeadLetters(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove("group.id");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lethe-query-dead-letters");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns once the broker has it, so the event's offset may then be committed. */
    void send(ConsumerRecord<String, byte[]> event, String code, String message) {
        String at = event.topic() + "-" + event.partition() + "@" + event.offset();
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        headers.add(Topics.DLQ_ERROR_CODE_HEADER, code.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_ERROR_MESSAGE_HEADER, message.getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.original.offset", at.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS_DLQ, null, event.key(), event.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering the event at " + at, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new org.apache.kafka.common.KafkaException("cannot dead-letter the event at " + at, e.getCause());
        }
        count.incrementAndGet();
        last.set(at + " " + code + ": " + message);
    }

    /** Why the consumer needs attention: how many events it set aside, and the last one. */
    Optional<String> summary() {
        long n = count.get();
        return n == 0 ? Optional.empty() : Optional.of(n + " event" + (n == 1 ? "" : "s") + " dead-lettered to "
                + Topics.EVENTS_DLQ + ", last " + last.get());
    }

    long count() {
        return count.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
