package io.lethe.worker.kafka;

import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.commands.CommandParser;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A job result goes to {@code lethe.commands} as a structured-mode CloudEvent, labelled so by its header. */
class ResultPublisherRecordTest {

    @Test
    void aResultIsAStructuredCloudEventRecord() throws Exception {
        ProducerRecord<String, byte[]> record = ResultPublisher.record("face-1", "job-1", "{\"jobId\":\"job-1\"}");

        assertThat(record.topic()).isEqualTo(Topics.COMMANDS);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(CloudEventCodec.parse(record.value(), CommandParser.DEFAULT_MAX_BYTES).source())
                .isEqualTo(ResultPublisher.SOURCE);
    }
}
