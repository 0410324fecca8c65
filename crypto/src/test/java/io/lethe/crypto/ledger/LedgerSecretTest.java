package io.lethe.crypto.ledger;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerSecretTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final LedgerSecret secret = LedgerSecret.of(KEY);

    @Test
    void aCommitmentIsTheHmacOfItsPrefixedIdEveryTimeItIsAsked() throws Exception {
        String expected = hmac("record:r-1");
        assertThat(secret.recordCommitment("r-1")).isEqualTo(expected);
        assertThat(secret.subjectPseudonym("alice")).isEqualTo(hmac("subject:alice"));
        assertThat(secret.recordCommitment("r-1")).as("the reused MAC starts afresh").isEqualTo(expected);
        assertThat(secret.labelPseudonym("faces", "alice")).isEqualTo(hmac("label:faces:alice"));
    }

    @Test
    void anotherThreadComputesTheSameCommitment() throws Exception {
        String here = secret.recordCommitment("r-2");
        assertThat(CompletableFuture.supplyAsync(() -> secret.recordCommitment("r-2")).get()).isEqualTo(here);
    }

    private static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
