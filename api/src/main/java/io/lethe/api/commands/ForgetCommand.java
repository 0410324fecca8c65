package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.ModelId;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;

import java.util.List;

/**
 * {@code lethe.Forget}: remove a subject's or some records' influence from a model.
 *
 * @param subjectPseudonym the subject by pseudonym (as the producer library and erasures name it), instead of
 *                         {@code subjectId}
 * @param erasureId        internal, set only by the ledger's own erasure process on its command bus: the erasure
 *                         the forget belongs to. On Kafka the field is refused ({@code INTERNAL_FIELD})
 */
public record ForgetCommand(ModelId modelId, SubjectId subjectId, List<RecordId> recordIds, ForgetMode mode,
                            String erasureId, String subjectPseudonym) implements ModelCommand {

    public ForgetCommand {
        Require.present("modelId", modelId);
        recordIds = Require.optionalList(recordIds);
        if (subjectId == null && recordIds.isEmpty() && subjectPseudonym == null) {
            throw new LetheException(ErrorCode.EMPTY_SELECTOR, "forget needs subjectId, subjectPseudonym or recordIds");
        }
        if (subjectPseudonym != null) {
            Require.pseudonym("subjectPseudonym", subjectPseudonym);
            if (subjectId != null) {
                throw new LetheException(ErrorCode.INVALID_FIELD, "give subjectId or subjectPseudonym, not both");
            }
        }
        mode = mode == null ? ForgetMode.AUTO : mode;
    }

    /** A producer's forget, not part of an erasure. */
    public ForgetCommand(ModelId modelId, SubjectId subjectId, List<RecordId> recordIds, ForgetMode mode) {
        this(modelId, subjectId, recordIds, mode, null, null);
    }
}
