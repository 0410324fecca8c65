package io.lethe.crypto.vault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerSealTest {

    private static final byte[] KEY = RecordSealing.newSubjectKey();
    private static final RecordSealing.OpenRecord RECORD =
            new RecordSealing.OpenRecord("alice", "raw face bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSealOpensUnderItsKeyForItsRecordAndSubjectOnly() {
        byte[] sealed = ProducerSeal.seal(KEY, "r-1", "P", RECORD);

        var opened = ProducerSeal.open(KEY, "r-1", "P", sealed).orElseThrow();
        assertThat(opened.label()).isEqualTo("alice");
        assertThat(opened.payload()).isEqualTo(RECORD.payload());
        assertThat(ProducerSeal.open(KEY, "r-2", "P", sealed)).as("moved to another record").isEmpty();
        assertThat(ProducerSeal.open(KEY, "r-1", "Q", sealed)).as("moved to another subject").isEmpty();
        assertThat(ProducerSeal.open(RecordSealing.newSubjectKey(), "r-1", "P", sealed)).as("another key").isEmpty();
    }

    @Test
    void aTamperedOrTruncatedSealDoesNotOpen() {
        byte[] sealed = ProducerSeal.seal(KEY, "r-1", "P", RECORD);
        sealed[sealed.length - 1] ^= 1;
        assertThat(ProducerSeal.open(KEY, "r-1", "P", sealed)).isEmpty();
        assertThat(ProducerSeal.open(KEY, "r-1", "P", new byte[5])).isEmpty();
    }

    @Test
    void theWireBytesHoldNeitherLabelNorPayloadInTheClear() {
        String wire = new String(ProducerSeal.seal(KEY, "r-1", "P", RECORD), StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain("alice").doesNotContain("raw face bytes");
    }

    @Test
    void aSealStillOpensAfterAFailedOpenOnTheSameThread() {
        byte[] sealed = ProducerSeal.seal(KEY, "r-1", "P", RECORD);
        assertThat(ProducerSeal.open(KEY, "r-2", "P", sealed)).isEmpty();
        assertThat(ProducerSeal.open(KEY, "r-1", "P", sealed)).isPresent();
        SealedRecord vaultRow = RecordSealing.seal(KEY, "commitment", RECORD);
        assertThat(RecordSealing.open(KEY, "commitment", vaultRow).label()).isEqualTo("alice");
        assertThat(ProducerSeal.open(KEY, "r-1", "P", ProducerSeal.seal(KEY, "r-1", "P", RECORD))).isPresent();
    }
}
