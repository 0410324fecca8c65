package io.lethe.query.consume;

import io.lethe.api.events.EventEnvelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Event ids already applied; the insert shares the transaction of the projection changes. */
final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /**
     * Claims a batch's ids in one statement.
     *
     * @return the events not applied before, in their order; an id repeated in the batch counts once
     */
    static List<EventEnvelope> claimAll(Connection connection, List<EventEnvelope> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        String sql = "INSERT INTO query.processed_events (event_id, event_type)"
                + " SELECT * FROM unnest(?::varchar[], ?::varchar[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id";
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setArray(1, connection.createArrayOf("varchar", events.stream().map(EventEnvelope::eventId).toArray()));
            s.setArray(2, connection.createArrayOf("varchar", events.stream().map(EventEnvelope::eventType).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return events.stream().filter(e -> claimed.remove(e.eventId())).toList();
    }
}
