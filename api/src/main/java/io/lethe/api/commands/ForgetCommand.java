package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.ModelId;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;

import java.util.List;

/** {@code lethe.Forget}: remove a subject's or some records' influence from a model. */
public record ForgetCommand(ModelId modelId, SubjectId subjectId, List<RecordId> recordIds, ForgetMode mode)
        implements ModelCommand {

    public ForgetCommand {
        Require.present("modelId", modelId);
        recordIds = Require.optionalList(recordIds);
        if (subjectId == null && recordIds.isEmpty()) {
            throw new LetheException(ErrorCode.EMPTY_SELECTOR, "forget needs subjectId or recordIds");
        }
        mode = mode == null ? ForgetMode.AUTO : mode;
    }
}
