package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.SubjectId;

/**
 * {@code lethe.ExtendErasure}: extend the open erasure of a subject (named by {@code subjectId} or
 * {@code subjectPseudonym}) by one or two months (at most two in all, GDPR Art. 12(3)), with the reason
 * and the notice given to the subject.
 */
public record ExtendErasureCommand(SubjectId subjectId, String subjectPseudonym, Integer months, String reason,
                                   String notice) implements Command {

    public ExtendErasureCommand {
        Require.exactlyOne("subjectId", subjectId, "subjectPseudonym", subjectPseudonym);
        if (subjectPseudonym != null) {
            Require.pseudonym("subjectPseudonym", subjectPseudonym);
        }
        Require.present("months", months);
        if (months < 1 || months > 2) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "months must be 1 or 2");
        }
        Require.text("reason", reason, 2000);
        Require.text("notice", notice, 2000);
    }

    public ExtendErasureCommand(SubjectId subjectId, Integer months, String reason, String notice) {
        this(subjectId, null, months, reason, notice);
    }

    @Override
    public String routingKey() {
        return subjectPseudonym != null ? subjectPseudonym : subjectId.value();
    }
}
