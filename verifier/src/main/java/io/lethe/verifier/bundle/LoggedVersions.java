package io.lethe.verifier.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VersionDigest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The completed versions the log itself records ({@code VersionCompleted} leaves): each one's digest and lineage
 * roots recomputed from its components, then held to compare with what the bundle's {@code version} lines state.
 */
final class LoggedVersions {

    private static final String COMPLETED = DomainEvent.cloudEventType(VersionCompletedEvent.class);

    /** A version as its log leaf records it. */
    record Logged(long leafIndex, String digest, String lineageRoot, int lineageSize) {
    }

    private final Map<String, Logged> versions = new LinkedHashMap<>();

    /** Reads a leaf's input; a {@code VersionCompleted} leaf is recomputed and held, any other ignored. */
    void apply(long index, JsonNode leaf, Consumer<String> failures) {
        if (!COMPLETED.equals(leaf.path("eventType").asText())) {
            return;
        }
        VersionCompletedEvent e;
        try {
            e = Json.mapper().treeToValue(leaf.get("data"), VersionCompletedEvent.class);
            recompute(index, e, failures);
        } catch (JsonProcessingException | RuntimeException ex) {
            failures.accept("leaf " + index + ": a VersionCompleted event whose data does not read as one");
            return;
        }
        versions.put(key(e.modelId().value(), e.version()),
                new Logged(index, e.digest(), e.lineageRoot(), e.lineageSize()));
    }

    private static void recompute(long index, VersionCompletedEvent e, Consumer<String> failures) {
        String where = "leaf " + index + " (version " + e.version() + " of " + e.modelId() + ")";
        Set<String> all = new HashSet<>();
        for (ComponentLineage c : e.components()) {
            all.addAll(c.commitments());
            if (!Lineage.root(Lineage.sorted(c.commitments())).equals(c.lineageRoot())
                    || c.commitments().size() != c.lineageSize()) {
                failures.accept(where + ": component " + c.componentId() + "'s lineage root does not match its records");
            }
        }
        if (!Lineage.root(Lineage.sorted(all)).equals(e.lineageRoot()) || all.size() != e.lineageSize()) {
            failures.accept(where + ": the version's lineage root does not match its components' records");
        }
        if (!VersionDigest.of(e.modelId().value(), e.version(), e.components()).equals(e.digest())) {
            failures.accept(where + ": the version digest does not match its components");
        }
    }

    Logged find(String modelId, long version) {
        return versions.get(key(modelId, version));
    }

    int size() {
        return versions.size();
    }

    private static String key(String modelId, long version) {
        return modelId + "@" + version;
    }
}
