package io.lethe.worker.kafka;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a job the worker gave up on to {@code lethe.jobs.dlq}: the original bytes and key, with headers
 * naming the error ({@code lethe.error.code}, {@code lethe.error.message}), where it was read
 * ({@code lethe.original.offset}) and how often it was tried ({@code lethe.attempts}).
 */
final class JobDeadLetters implements AutoCloseable {

    /** Error code header value for a value that is not a job. */
    static final String NOT_A_JOB = "NOT_A_JOB";
    /** Error code header value for a job that failed the same way on every attempt. */
    static final String FAILED_REPEATEDLY = "FAILED_REPEATEDLY";

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong count = new AtomicLong();

    JobDeadLetters(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.common(kafka));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns once the broker has the dead letter, so the job's offset may then be committed. */
    void send(ConsumerRecord<String, byte[]> job, String code, String message, int attempts) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        job.headers().forEach(headers::add);
        headers.add(Topics.DLQ_ERROR_CODE_HEADER, code.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_ERROR_MESSAGE_HEADER, message.getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.original.offset", (job.topic() + "-" + job.partition() + "@" + job.offset())
                .getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.attempts", Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.JOBS_DLQ, null, job.key(), job.value(), headers)).get();
        count.incrementAndGet();
    }

    /** How many jobs this worker dead-lettered since it started. */
    long count() {
        return count.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
