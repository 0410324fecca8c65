package io.lethe.api.events;

import java.util.Map;

/**
 * One model is done with an erasure: it forgot the subject (with the guarantee achieved and the
 * versions before and after) or never saw the subject ({@code guarantee} null, no new version).
 */
public record ErasureModelSettledEvent(String erasureId, String subjectPseudonym, String modelId,
                                       Guarantee guarantee, Integer versionBefore, Integer versionAfter,
                                       Map<String, Double> metrics) implements DomainEvent {

    public ErasureModelSettledEvent {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
