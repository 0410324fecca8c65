package io.lethe.app.verify;

import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VersionDigest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every completed model version's digest and lineage roots from the replayed events, and
 * compares them with what the events claim and with {@code query.model_versions}.
 */
final class VersionDigestReplay {

    /** The event type whose payload {@link #apply} reads. */
    static final String READS = DomainEvent.cloudEventType(VersionCompletedEvent.class);

    private final Map<String, String> digests = new LinkedHashMap<>();

    /** @param payload the event's data read back as its record, or {@code null} if not of type {@link #READS} */
    void apply(EventEnvelope event, DomainEvent payload, Failures failures) {
        if (!(payload instanceof VersionCompletedEvent e)) {
            return;
        }
        String where = "leaf " + event.transparencyIndex() + " (version " + e.version() + " of " + e.modelId() + ")";
        Set<String> all = new HashSet<>();
        for (ComponentLineage c : e.components()) {
            all.addAll(c.commitments());
            if (!Lineage.root(Lineage.sorted(c.commitments())).equals(c.lineageRoot())
                    || c.commitments().size() != c.lineageSize()) {
                failures.add(where + ": component " + c.componentId() + " lineage root does not match its records");
            }
        }
        if (!Lineage.root(Lineage.sorted(all)).equals(e.lineageRoot())) {
            failures.add(where + ": the version's lineage root does not match its components' records");
        }
        String digest = VersionDigest.of(e.modelId().value(), e.version(), e.components());
        if (!digest.equals(e.digest())) {
            failures.add(where + ": the version digest does not match its components");
        }
        digests.put(e.modelId().value() + "@" + e.version(), digest);
    }

    /** @return how many stored completed versions were compared */
    int compare(Connection connection, Failures failures) throws SQLException {
        int compared = 0;
        try (PreparedStatement s = connection.prepareStatement("SELECT model_id, version, digest FROM"
                + " query.model_versions WHERE status = 'COMPLETED'"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String key = r.getString(1) + "@" + r.getInt(2);
                String replayed = digests.get(key);
                if (replayed != null && !replayed.equals(r.getString(3))) {
                    failures.add("query.model_versions " + key + " has digest " + r.getString(3)
                            + " but the replay gives " + replayed);
                }
                compared++;
            }
        }
        return compared;
    }

    int recomputed() {
        return digests.size();
    }
}
