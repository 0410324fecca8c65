package io.lethe.query.erasures;

import io.lethe.api.Topics;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.commands.RequestErasureCommand;
import io.lethe.api.ids.SubjectId;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An erasure requested over REST goes to {@code lethe.commands} as a structured-mode CloudEvent, labelled so. */
class ErasureRequesterRecordTest {

    @Test
    void anErasureRequestIsAStructuredCloudEventRecordTheIntakeReads() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        RequestErasureCommand command = new RequestErasureCommand(SubjectId.of("s-1"), "dpo", now);

        ProducerRecord<String, byte[]> record = ErasureRequester.record("rest-1", command, now);

        assertThat(record.topic()).isEqualTo(Topics.COMMANDS);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(new CommandParser().parse(record.value()).command()).isInstanceOf(RequestErasureCommand.class);
    }
}
