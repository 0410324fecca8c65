package io.lethe.api.events;

import io.lethe.api.ids.ModelId;

import java.util.List;
import java.util.Map;

/**
 * A forget completed in a model: which version no longer holds the records (EXACT, REBASE) or
 * suppresses them (APPROXIMATE), and what was measured.
 *
 * @param retrainedComponentIds the components retrained (EXACT: only the branches whose slice held them)
 * @param metrics               forget quality, e.g. {@code forgetAccuracy}, {@code retainAccuracy}, {@code miaAuc}
 */
public record RecordsForgottenEvent(ModelId modelId, int versionBefore, int versionAfter, Guarantee guarantee,
                                    List<String> commitments, List<String> retrainedComponentIds,
                                    Map<String, Double> metrics, String erasureId) implements DomainEvent {

    public RecordsForgottenEvent {
        commitments = List.copyOf(commitments);
        retrainedComponentIds = List.copyOf(retrainedComponentIds);
        metrics = Map.copyOf(metrics);
    }
}
