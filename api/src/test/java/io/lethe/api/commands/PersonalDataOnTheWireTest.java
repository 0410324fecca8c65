package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.crypto.ledger.LedgerSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a producer may put on Kafka: sealed payloads and pseudonyms, never the ledger's internal fields. */
class PersonalDataOnTheWireTest {

    private static final String PSEUDONYM = LedgerSecret.of(new byte[32]).subjectPseudonym("alice@example.org");

    private static byte[] envelope(String type, String data) {
        return ("{\"specversion\":\"1.0\",\"id\":\"c-1\",\"source\":\"test\",\"type\":\"" + type + "\",\"data\":"
                + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static ErrorCode codeOf(CommandParser parser, byte[] value) {
        try {
            parser.parse(value);
            return null;
        } catch (LetheException e) {
            return e.errorCode();
        }
    }

    private static final byte[] PLAINTEXT = envelope("lethe.IngestRecords", "{\"dataset\":\"d\",\"records\":[{"
            + "\"recordId\":\"r\",\"subjectId\":\"s\",\"label\":\"l\",\"payload\":\"AAEC\"}]}");

    @Test
    void aPlaintextPayloadIsRefusedUnlessExplicitlyAllowed() {
        assertThat(codeOf(new CommandParser(4096), PLAINTEXT)).isEqualTo(ErrorCode.PLAINTEXT_PAYLOAD);
        assertThat(codeOf(new CommandParser(4096, CommandSourcePolicy.DEFAULT, true), PLAINTEXT)).isNull();
        assertThat(ErrorCode.PLAINTEXT_PAYLOAD.isDeadLettered()).isTrue();
        assertThat(ErrorCode.PLAINTEXT_PAYLOAD.isRedactedInDeadLetters()).as("no second plaintext copy").isTrue();
    }

    @Test
    void bundledSamplesAndSealedRecordsAreAccepted() {
        CommandParser parser = new CommandParser(4096);
        var sealed = (IngestRecordsCommand) parser.parse(envelope("lethe.IngestRecords", "{\"dataset\":\"d\","
                + "\"records\":[{\"recordId\":\"r\",\"subjectPseudonym\":\"" + PSEUDONYM + "\",\"sealed\":\"AAEC\"}]}"))
                .command();
        assertThat(sealed.records().get(0).subjectId()).isNull();
        assertThat(sealed.records().get(0).subjectPseudonym()).isEqualTo(PSEUDONYM);
        assertThat(codeOf(parser, envelope("lethe.IngestRecords", "{\"dataset\":\"d\",\"records\":[{\"recordId\":\"r\","
                + "\"subjectId\":\"s1\",\"label\":\"s1\",\"source\":\"orl:s1/1.pgm\"}]}"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"recordId\":\"r\",\"subjectId\":\"alice\",\"sealed\":\"AAEC\"}",
            "{\"recordId\":\"r\",\"subjectPseudonym\":\"PSEUDONYM\",\"label\":\"l\",\"sealed\":\"AAEC\"}",
            "{\"recordId\":\"r\",\"subjectPseudonym\":\"not-a-pseudonym\",\"sealed\":\"AAEC\"}",
            "{\"recordId\":\"r\",\"subjectId\":\"a\",\"subjectPseudonym\":\"PSEUDONYM\",\"sealed\":\"AAEC\"}",
            "{\"recordId\":\"r\",\"subjectPseudonym\":\"PSEUDONYM\",\"sealed\":\"AAEC\",\"source\":\"orl:s1/1.pgm\"}",
    })
    void aSealedRecordNamesItsSubjectByPseudonymAloneAndCarriesNoLabel(String record) {
        byte[] value = envelope("lethe.IngestRecords", "{\"dataset\":\"d\",\"records\":["
                + record.replace("PSEUDONYM", PSEUDONYM) + "]}");
        assertThat(codeOf(new CommandParser(4096), value)).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "lethe.Forget|{\"modelId\":\"m\",\"subjectId\":\"s\",\"erasureId\":\"erasure-1\"}",
            "lethe.Forget|{\"modelId\":\"m\",\"subjectPseudonym\":\"PSEUDONYM\",\"erasureId\":\"erasure-1\"}",
            "lethe.Deploy|{\"modelId\":\"m\",\"version\":2,\"erasureId\":\"erasure-1\"}",
            "lethe.RequestErasure|{\"subjectId\":\"s\",\"requestedBy\":\"dpo\",\"erasureId\":\"erasure-of-bob\"}",
    })
    void aProducerCannotSpeakForAnErasure(String typeAndData) {
        String[] parts = typeAndData.split("\\|", 2);
        assertThat(codeOf(new CommandParser(4096), envelope(parts[0], parts[1].replace("PSEUDONYM", PSEUDONYM))))
                .isEqualTo(ErrorCode.INTERNAL_FIELD);
        assertThat(ErrorCode.INTERNAL_FIELD.isDeadLettered()).isTrue();
    }

    @Test
    void subjectsMayBeNamedByPseudonymInForgetsSelectorsAndErasures() {
        CommandParser parser = new CommandParser(4096);
        var forget = (ForgetCommand) parser.parse(envelope("lethe.Forget",
                "{\"modelId\":\"m\",\"subjectPseudonym\":\"" + PSEUDONYM + "\"}")).command();
        assertThat(forget.subjectPseudonym()).isEqualTo(PSEUDONYM);
        assertThat(forget.erasureId()).isNull();
        var learn = (LearnCommand) parser.parse(envelope("lethe.Learn",
                "{\"modelId\":\"m\",\"selector\":{\"dataset\":\"d\",\"subjectPseudonyms\":[\"" + PSEUDONYM + "\"]}}"))
                .command();
        assertThat(learn.selector().subjectPseudonyms()).containsExactly(PSEUDONYM);
        var erasure = (RequestErasureCommand) parser.parse(envelope("lethe.RequestErasure",
                "{\"subjectPseudonym\":\"" + PSEUDONYM + "\",\"requestedBy\":\"dpo\"}")).command();
        assertThat(erasure.routingKey()).as("keyed by pseudonym, not by a raw id").isEqualTo(PSEUDONYM);
    }

    @Test
    void anErasureNamedByBothIdAndPseudonymIsRefused() {
        assertThatThrownBy(() -> new CommandParser(4096).parse(envelope("lethe.RequestErasure",
                "{\"subjectId\":\"s\",\"subjectPseudonym\":\"" + PSEUDONYM + "\",\"requestedBy\":\"dpo\"}")))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FIELD));
    }
}
