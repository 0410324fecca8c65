package io.lethe.app.verify;

import io.lethe.api.Json;
import io.lethe.api.events.IngestedRecord;
import io.lethe.api.events.RecordsIngestedEvent;
import io.lethe.api.events.SubjectKeyShreddedEvent;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The records the ledger itself says were erased: those ingested for a subject whose key shredding it records
 * ({@code RecordsIngestedEvent} names each record's subject, {@code SubjectKeyShreddedEvent} the shredding). A
 * record the vault cannot open excuses a replay only when it is one of these: a key deleted without an erasure in
 * the ledger, or a record missing from the vault, is loss or tampering, not GDPR. Read once, on first need, and
 * only the erased subjects' records are kept.
 */
final class ErasedRecords {

    private static final String SQL = "SELECT payload FROM events.domainevententry"
            + " WHERE payloadtype = ? ORDER BY globalindex";

    private final Connection connection;
    private Map<String, String> erasureByRecord;

    ErasedRecords(Connection connection) {
        this.connection = connection;
    }

    /**
     * @return why none of {@code commitments} can be replayed (the erasures that shredded their subjects' keys),
     *         or {@code null} if any of them was not erased according to the ledger
     */
    String excuse(Collection<String> commitments) throws SQLException {
        Map<String, String> erased = load();
        Set<String> erasures = new TreeSet<>();
        for (String commitment : commitments) {
            String erasure = erased.get(commitment);
            if (erasure == null) {
                return null;
            }
            erasures.add(erasure);
        }
        return "their subjects' keys were shredded by erasure " + String.join(", ", erasures);
    }

    private Map<String, String> load() throws SQLException {
        if (erasureByRecord != null) {
            return erasureByRecord;
        }
        Map<String, String> erasureBySubject = new HashMap<>();
        scan(SubjectKeyShreddedEvent.class, e -> erasureBySubject.put(e.subjectPseudonym(), e.erasureId()));
        Map<String, String> byRecord = new HashMap<>();
        if (!erasureBySubject.isEmpty()) {
            scan(RecordsIngestedEvent.class, e -> {
                for (IngestedRecord r : e.records()) {
                    String erasure = erasureBySubject.get(r.subjectPseudonym());
                    if (erasure != null) {
                        byRecord.put(r.commitment(), erasure);
                    }
                }
            });
        }
        erasureByRecord = byRecord;
        return byRecord;
    }

    private <T> void scan(Class<T> type, Consumer<T> each) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // A cursor needs a transaction; otherwise the driver would hold every ingestion in memory at once.
        connection.setAutoCommit(false);
        try {
            read(type, each);
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private <T> void read(Class<T> type, Consumer<T> each) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SQL)) {
            s.setFetchSize(1000);
            s.setString(1, type.getName());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    try {
                        each.accept(Json.mapper().readValue(rows.getBytes(1), type));
                    } catch (IOException e) {
                        // Unreadable events are the replay verifier's to report; here they excuse nothing.
                    }
                }
            }
        }
    }
}
