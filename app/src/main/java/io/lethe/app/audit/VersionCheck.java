package io.lethe.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.app.verify.VersionDigestReplay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundle's {@code version} line, checked against the log entry it points at: that entry must be the version's
 * completion, with the same digest and lineage root, and both must recompute from the entry's components.
 *
 * @param line        the bundle line
 * @param modelId     the model
 * @param version     the version number
 * @param digest      the version digest the line states
 * @param lineageRoot the lineage root the line states
 */
record VersionCheck(long line, String modelId, int version, String digest, String lineageRoot) {

    /** @return the problems found, each naming the version line and the entry */
    List<String> check(JsonNode leaf, String entry) {
        String where = "line " + line + " (version " + version + " of " + modelId + ") and " + entry;
        List<String> problems = new ArrayList<>();
        if (!AuditBundle.VERSION_COMPLETED.equals(leaf.path("eventType").asText())) {
            problems.add(where + ": the entry is a " + leaf.path("eventType").asText() + ", not a version completion");
            return problems;
        }
        VersionCompletedEvent event;
        try {
            event = Json.mapper().treeToValue(leaf.path("data"), VersionCompletedEvent.class);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(where + ": the entry's payload is not a version completion");
            return problems;
        }
        if (!event.modelId().value().equals(modelId) || event.version() != version) {
            problems.add(where + ": the entry completes version " + event.version() + " of " + event.modelId());
        }
        if (!event.digest().equals(digest)) {
            problems.add(where + ": the line says digest " + digest + ", the log entry " + event.digest());
        }
        if (!event.lineageRoot().equals(lineageRoot)) {
            problems.add(where + ": the line says lineage root " + lineageRoot + ", the log entry "
                    + event.lineageRoot());
        }
        VersionDigestReplay.recompute(event).forEach(problem -> problems.add(where + ": " + problem));
        return problems;
    }
}
