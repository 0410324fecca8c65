package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.SubjectId;

/**
 * {@code lethe.ExtendErasure}: extend the open erasure of a subject by one or two months (at most two
 * in all, GDPR Art. 12(3)), with the reason and the notice given to the subject.
 */
public record ExtendErasureCommand(SubjectId subjectId, Integer months, String reason, String notice)
        implements Command {

    public ExtendErasureCommand {
        Require.present("subjectId", subjectId);
        Require.present("months", months);
        if (months < 1 || months > 2) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "months must be 1 or 2");
        }
        Require.text("reason", reason, 2000);
        Require.text("notice", notice, 2000);
    }

    @Override
    public String routingKey() {
        return subjectId.value();
    }
}
