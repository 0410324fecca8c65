package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandParserTest {

    private final CommandParser parser = new CommandParser(4096);

    private static String envelope(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"c-1\",\"source\":\"test\",\"type\":\"" + type + "\",\"data\":" + data + "}";
    }

    private CommandParser.Parsed parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void registerModelIsReadWithTheDefaultPreset() {
        var parsed = parse(envelope("lethe.RegisterModel", "{\"modelId\":\"face-1\",\"task\":\"face\"}"));

        assertThat(parsed.envelope().id()).isEqualTo("c-1");
        assertThat(parsed.command()).isEqualTo(
                new RegisterModelCommand(io.lethe.api.ids.ModelId.of("face-1"), Task.FACE, "paper-180nm"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"specversion\":\"1.0\",\"id\":\"x\"                             | MALFORMED_JSON",
            "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\"}              | NOT_A_CLOUDEVENT",
            "not json at all                                                  | MALFORMED_JSON",
            "[1,2,3]                                                          | NOT_A_CLOUDEVENT",
            "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\"} | UNSUPPORTED_SPEC_VERSION",
            "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"lethe.Nope\",\"data\":{}} | UNKNOWN_COMMAND_TYPE",
    })
    void valuesThatAreNotCommandsAreRejectedWithACode(String value, ErrorCode expected) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOfSatisfying(LetheException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"task\":\"face\"}                         | MISSING_FIELD",
            "{\"modelId\":\"face-1\",\"task\":\"lidar\"}    | INVALID_FIELD",
            "{\"modelId\":\"bad id!\",\"task\":\"face\"}    | INVALID_FIELD",
            "{\"modelId\":42,\"task\":\"face\"}            | INVALID_FIELD",
            "{\"modelId\":\"m\",\"task\":\"face\",\"preset\":\"x\"} | INVALID_FIELD",
    })
    void registerModelFieldsAreValidated(String data, ErrorCode expected) {
        assertThatThrownBy(() -> parse(envelope("lethe.RegisterModel", data)))
                .isInstanceOfSatisfying(LetheException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
    }

    @Test
    void learnRejectsRankOutOfRange() {
        String data = "{\"modelId\":\"m\",\"selector\":{\"dataset\":\"orl\",\"subjects\":[\"s11\"]},\"rank\":0}";
        assertThatThrownBy(() -> parse(envelope("lethe.Learn", data)))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RANK_OUT_OF_RANGE));
    }

    @Test
    void trainingWithoutNarrowingTheSelectorIsRejected() {
        String data = "{\"modelId\":\"m\",\"selector\":{\"dataset\":\"orl\"}}";
        assertThatThrownBy(() -> parse(envelope("lethe.TrainBackbone", data)))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EMPTY_SELECTOR));
    }

    @Test
    void oversizeAndNonUtf8ValuesAreRejected() {
        byte[] big = new byte[5000];
        assertThatThrownBy(() -> parser.parse(big)).isInstanceOfSatisfying(LetheException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OVERSIZE));
        byte[] latin1 = envelope("lethe.RegisterModel", "{\"modelId\":\"caf\u00e9\",\"task\":\"face\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(latin1)).isInstanceOfSatisfying(LetheException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ENCODING));
    }
}
