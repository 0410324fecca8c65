package io.lethe.crypto.ledger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ledger secret and the keyed commitments made with it (DESIGN.md §2.3). Events never carry a
 * record id, subject id or label: only HMAC-SHA-256 values of them under this secret, which the
 * command side and the query side share and nobody else holds. Commitments are standard base64.
 */
public final class LedgerSecret {

    public static final int BYTES = 32;
    private final byte[] secret;
    /**
     * One keyed HMAC per thread: {@code Mac.getInstance} and {@code init} (a provider lookup and the key's
     * inner and outer pads) cost more than the MAC of a short id; {@code doFinal} leaves a Mac ready for the next.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private LedgerSecret(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the ledger secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public static LedgerSecret of(byte[] secret) {
        return new LedgerSecret(secret);
    }

    public static LedgerSecret fromBase64(String encoded) {
        return new LedgerSecret(Base64.getDecoder().decode(encoded.trim()));
    }

    public static LedgerSecret generate() {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        return new LedgerSecret(secret);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(secret);
    }

    /** The commitment that names a record in events and lineage trees. */
    public String recordCommitment(String recordId) {
        return mac("record:" + recordId);
    }

    /** The pseudonym that names a data subject in events. */
    public String subjectPseudonym(String subjectId) {
        return mac("subject:" + subjectId);
    }

    /** The pseudonym of a label within a dataset (for faces and speakers a label names a person). */
    public String labelPseudonym(String dataset, String label) {
        return mac("label:" + dataset + ":" + label);
    }

    private String mac(String value) {
        return Base64.getEncoder().encodeToString(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerSecret that && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "LedgerSecret[hidden]";
    }
}
