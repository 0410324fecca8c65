package io.lethe.app.verify;

import io.lethe.api.Json;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionRequestedEvent;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every completed model version with the request it carried out, read from the event store in store order.
 * Only the two event types are read, so this is cheap next to the retraining it feeds.
 */
final class CompletedVersions {

    /** A version as the ledger records it: what was asked for and the digests the worker reported. */
    record Completed(VersionRequestedEvent requested, VersionCompletedEvent completed) {

        String modelId() {
            return completed.modelId().value();
        }
    }

    /** What was read: the versions, and stored events that could not be paired or read. */
    record Read(List<Completed> versions, List<String> problems) {
    }

    private static final String SQL = "SELECT eventidentifier, payloadtype, payload FROM events.domainevententry"
            + " WHERE payloadtype IN (?, ?) AND (CAST(? AS VARCHAR) IS NULL OR aggregateidentifier = ?)"
            + " ORDER BY globalindex";

    private CompletedVersions() {
    }

    /** @param modelId only this model's versions, or every model's */
    static Read read(Connection connection, Optional<String> modelId) throws SQLException {
        Map<String, VersionRequestedEvent> requests = new HashMap<>();
        List<Completed> versions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(SQL)) {
            s.setString(1, VersionRequestedEvent.class.getName());
            s.setString(2, VersionCompletedEvent.class.getName());
            s.setString(3, modelId.orElse(null));
            s.setString(4, modelId.orElse(null));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String eventId = rows.getString(1);
                    boolean request = VersionRequestedEvent.class.getName().equals(rows.getString(2));
                    try {
                        if (request) {
                            VersionRequestedEvent e = decode(rows.getBytes(3), VersionRequestedEvent.class);
                            requests.put(e.jobId(), e);
                        } else {
                            pair(decode(rows.getBytes(3), VersionCompletedEvent.class), requests, versions, problems);
                        }
                    } catch (IOException | RuntimeException e) {
                        problems.add("event " + eventId + " (" + rows.getString(2) + ") is unreadable: " + e);
                    }
                }
            }
        }
        return new Read(versions, problems);
    }

    private static void pair(VersionCompletedEvent completed, Map<String, VersionRequestedEvent> requests,
                             List<Completed> versions, List<String> problems) {
        VersionRequestedEvent requested = requests.get(completed.jobId());
        if (requested == null || requested.version() != completed.version()) {
            problems.add("version " + completed.version() + " of model " + completed.modelId().value()
                    + " completed job " + completed.jobId() + ", which no request for that version names");
        } else {
            versions.add(new Completed(requested, completed));
        }
    }

    private static <T> T decode(byte[] payload, Class<T> type) throws IOException {
        return Json.mapper().readValue(payload, type);
    }
}
