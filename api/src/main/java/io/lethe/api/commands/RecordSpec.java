package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;

import java.util.stream.Stream;

/**
 * One record of an ingest. The subject is named by {@code subjectId} or, as the producer library
 * sends it, by {@code subjectPseudonym}. The content is exactly one of:
 * <ul>
 *   <li>{@code sealed}: base64 of the producer's AES-256-GCM seal of (label, payload) under the
 *       subject's vault key ({@code io.lethe.crypto.vault.ProducerSeal} in {@code lethe-crypto}); needs {@code subjectPseudonym}, and
 *       no {@code label}, which is sealed with the payload;</li>
 *   <li>{@code source}: a bundled public sample, with its {@code label};</li>
 *   <li>{@code payload}: inline plaintext base64 with its {@code label}; refused on Kafka unless the
 *       command side explicitly allows plaintext payloads (demos only).</li>
 * </ul>
 */
public record RecordSpec(RecordId recordId, SubjectId subjectId, String subjectPseudonym, String label,
                         String payload, String source, String sealed) {

    public RecordSpec {
        Require.present("recordId", recordId);
        Require.exactlyOne("subjectId", subjectId, "subjectPseudonym", subjectPseudonym);
        if (subjectPseudonym != null) {
            Require.pseudonym("subjectPseudonym", subjectPseudonym);
        }
        if (Stream.of(payload, source, sealed).filter(java.util.Objects::nonNull).count() != 1) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "record " + recordId + " needs exactly one of sealed, source or payload");
        }
        if (sealed != null) {
            requireSealable(recordId, subjectPseudonym, label);
        } else {
            Require.text("label", label, 64);
        }
    }

    /** A record of a bundled sample or an inline payload, its subject named by id. */
    public RecordSpec(RecordId recordId, SubjectId subjectId, String label, String payload, String source) {
        this(recordId, subjectId, null, label, payload, source, null);
    }

    /** A record as the producer library sends it: pseudonym and seal only. */
    public static RecordSpec sealed(RecordId recordId, String subjectPseudonym, String sealedBase64) {
        return new RecordSpec(recordId, null, subjectPseudonym, null, null, null, sealedBase64);
    }

    /** True when the record carries its payload in the clear on the wire. */
    public boolean isPlaintext() {
        return payload != null;
    }

    private static void requireSealable(RecordId recordId, String subjectPseudonym, String label) {
        if (subjectPseudonym == null) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "record " + recordId + ": a sealed record names its subject by subjectPseudonym");
        }
        if (label != null) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "record " + recordId + ": a sealed record carries its label inside the seal");
        }
    }
}
