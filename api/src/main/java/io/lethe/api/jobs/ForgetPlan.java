package io.lethe.api.jobs;

import io.lethe.api.events.Guarantee;

import java.util.List;

/**
 * How a forget is carried out, decided by the {@code Model} aggregate before the job runs.
 *
 * @param guarantee   the level the plan achieves: EXACT, APPROXIMATE or REBASE
 * @param commitments the sorted commitments to forget that the base version had seen
 * @param retrainComponentIds EXACT: the branches retrained without the records
 */
public record ForgetPlan(Guarantee guarantee, List<String> commitments, List<String> retrainComponentIds) {

    public ForgetPlan {
        commitments = List.copyOf(commitments);
        retrainComponentIds = retrainComponentIds == null ? List.of() : List.copyOf(retrainComponentIds);
    }
}
