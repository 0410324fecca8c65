package io.lethe.command.intake;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.Topics;
import io.lethe.api.commands.CommandParser;
import io.lethe.api.commands.RegisterModelCommand;
import io.lethe.api.commands.Task;
import io.lethe.api.ids.ModelId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands written by the CloudEvents Java SDK's Kafka serializer, in structured and in binary mode, are read by
 * the intake as the same command.
 */
class CommandRecordsSdkTest {

    private static final byte[] DATA = "{\"modelId\":\"face-1\",\"task\":\"face\"}".getBytes(StandardCharsets.UTF_8);

    private final CommandParser parser = new CommandParser();

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"STRUCTURED", "BINARY"})
    void aCommandTheSdkWritesIsReadInEitherMode(Encoding encoding) {
        ConsumerRecord<String, byte[]> record = serialize(encoding, command("application/json", DATA));

        CommandParser.Parsed parsed = parser.parse(CloudEventRecords.structuredValue(record));

        assertThat(parsed.envelope().id()).isEqualTo("sdk-1");
        assertThat(parsed.envelope().source()).isEqualTo("sdk-producer");
        assertThat(parsed.envelope().extension("lethetrace")).isEqualTo("t-7");
        assertThat(parsed.command()).isEqualTo(new RegisterModelCommand(ModelId.of("face-1"), Task.FACE, "paper-180nm"));
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"STRUCTURED", "BINARY"})
    void dataOfAnotherContentTypeIsRefusedWithACode(Encoding encoding) {
        ConsumerRecord<String, byte[]> record = serialize(encoding,
                command("application/octet-stream", new byte[] {0, 1, 2}));

        assertThatThrownBy(() -> parser.parse(CloudEventRecords.structuredValue(record)))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_CONTENT_TYPE));
    }

    private static CloudEvent command(String contentType, byte[] data) {
        return CloudEventBuilder.v1().withId("sdk-1").withSource(URI.create("sdk-producer"))
                .withType("lethe.RegisterModel").withDataContentType(contentType).withExtension("lethetrace", "t-7")
                .withData(data).build();
    }

    /** What a producer using the SDK's serializer puts on the topic, as the intake's consumer receives it. */
    private static ConsumerRecord<String, byte[]> serialize(Encoding encoding, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, encoding,
                    CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE), false);
            value = serializer.serialize(Topics.COMMANDS, headers, event);
        }
        return new ConsumerRecord<>(Topics.COMMANDS, 0, 0L, 0L, TimestampType.CREATE_TIME, -1, value.length,
                "face-1", value, headers, Optional.empty());
    }
}
