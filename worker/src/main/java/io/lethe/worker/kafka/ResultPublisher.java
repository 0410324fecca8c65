package io.lethe.worker.kafka;

import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.commands.CommandType;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.worker.job.ResultSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends job results as {@code lethe.CompleteJob} CloudEvents on {@code lethe.commands}, keyed by model id,
 * with the job's stable command id so a resent result has no second effect. Idempotent producer, acks=all;
 * {@link #send} returns only when the broker has the record.
 */
public final class ResultPublisher implements ResultSink, AutoCloseable {

    /** The CloudEvent source the command side accepts {@code lethe.CompleteJob} from. */
    public static final String SOURCE = "lethe-worker";

    private final KafkaProducer<String, byte[]> producer;

    public ResultPublisher(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.common(kafka));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(String modelId, String jobId, String resultJson) throws Exception {
        producer.send(record(modelId, jobId, resultJson)).get();
    }

    /** The result as a structured-mode CloudEvents record, with the binding's {@code content-type} header. */
    static ProducerRecord<String, byte[]> record(String modelId, String jobId, String resultJson) throws IOException {
        CloudEvent event = new CloudEvent(CompleteJobCommand.commandIdFor(jobId), SOURCE,
                CommandType.COMPLETE_JOB.cloudEventType(), modelId, null, "application/json", Map.of(),
                Json.mapper().readTree(resultJson));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS, modelId,
                CloudEventCodec.write(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() {
        producer.close();
    }
}
