package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/erasures/{erasureId}} and the items of {@code GET /api/erasures}: one GDPR erasure
 * and where it stands. {@code subjectId} is the subject's pseudonym: raw subject ids are never stored.
 *
 * @param status        RECEIVED, IN_PROGRESS, COMPLETED, EXTENDED, OVERDUE or FAILED
 * @param dueAt         one month after {@code receivedAt} (GDPR Art. 12(3)), later if extended
 * @param extension     why and until when the deadline was extended, when it was
 * @param failureReason why it failed, when it did
 * @param models        per model that saw the subject: the guarantee achieved and the versions before and after
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureView(String erasureId, String subjectId, String status, Instant receivedAt, Instant dueAt,
                          String requestedBy, Extension extension, Instant completedAt, String failureReason,
                          boolean certificateAvailable, List<ModelErasure> models) {

    public ErasureView {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A deadline extension (at most two more months, with a recorded reason and notice to the subject). */
    public record Extension(Instant extendedTo, String reason, String notice) {
    }

    /** What the erasure did in one model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelErasure(String modelId, String guarantee, Integer versionBefore, Integer versionAfter,
                               Integer deployedVersion, Map<String, Double> metrics) {
    }
}
