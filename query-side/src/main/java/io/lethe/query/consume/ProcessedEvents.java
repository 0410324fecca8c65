package io.lethe.query.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Event ids already applied; the insert shares the transaction of the projection changes. */
final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** True when the id is new (and now recorded); false when the event was applied before. */
    static boolean claim(Connection connection, String eventId, String eventType) throws SQLException {
        String sql = "INSERT INTO query.processed_events (event_id, event_type) VALUES (?, ?)"
                + " ON CONFLICT (event_id) DO NOTHING";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, eventId);
            s.setString(2, eventType);
            return s.executeUpdate() == 1;
        }
    }
}
