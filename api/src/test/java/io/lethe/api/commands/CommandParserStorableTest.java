package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values the database could not store are refused by the parser, not retried by the intake for ever. */
class CommandParserStorableTest {

    private final CommandParser parser = new CommandParser(64 * 1024);

    private static byte[] envelope(String id, String data) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"test\",\"type\":\"lethe.IngestRecords\","
                + "\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static final String INGEST = "{\"dataset\":\"%s\",\"records\":[{\"recordId\":\"r\",\"subjectId\":\"s\","
            + "\"label\":\"l\",\"source\":\"orl:s1/1.pgm\"}]}";

    @Test
    void aCommandIdLongerThanTheIdempotencyKeyIsAnInvalidField() {
        assertThat(parser.parse(envelope("x".repeat(256), INGEST.formatted("d"))).envelope().id()).hasSize(256);
        assertThatThrownBy(() -> parser.parse(envelope("x".repeat(257), INGEST.formatted("d"))))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void aNulCharacterAnywhereIsAnEncodingError() {
        for (byte[] value : new byte[][]{envelope("a\\u0000b", INGEST.formatted("d")),
                envelope("c", INGEST.formatted("d\\u0000")), envelope("c", "{\"x\\u0000\":1}")}) {
            assertThatThrownBy(() -> parser.parse(value)).isInstanceOfSatisfying(LetheException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ENCODING));
        }
    }

    @Test
    void sqlAndMarkupInFreeTextAreJustText() {
        String dataset = "'; DROP TABLE vault.records; -- <script>alert(1)</script>";
        var command = (IngestRecordsCommand) parser.parse(envelope("c", INGEST.formatted(dataset))).command();

        assertThat(command.dataset()).isEqualTo(dataset);
    }
}
