package io.lethe.app.verify;

import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.verify.Lineage;
import io.lethe.api.verify.VersionDigest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every completed model version's digest and lineage roots from the replayed events, and
 * compares them with what the events claim and with {@code query.model_versions}.
 */
public final class VersionDigestReplay {

    /** The event type whose payload {@link #apply} reads. */
    static final String READS = DomainEvent.cloudEventType(VersionCompletedEvent.class);

    private final Map<String, String> digests = new LinkedHashMap<>();

    /** @param payload the event's data read back as its record, or {@code null} if not of type {@link #READS} */
    void apply(EventEnvelope event, DomainEvent payload, Failures failures) {
        if (!(payload instanceof VersionCompletedEvent e)) {
            return;
        }
        String where = "leaf " + event.transparencyIndex() + " (version " + e.version() + " of " + e.modelId() + ")";
        recompute(e).forEach(problem -> failures.add(where + ": " + problem));
        digests.put(e.modelId().value() + "@" + e.version(), VersionDigest.of(e.modelId().value(), e.version(),
                e.components()));
    }

    /**
     * Recomputes a completed version's lineage roots from its records and its digest from its components.
     *
     * @return what does not match, empty when the event is self-consistent
     */
    public static List<String> recompute(VersionCompletedEvent e) {
        List<String> problems = new ArrayList<>();
        Set<String> all = new HashSet<>();
        for (ComponentLineage c : e.components()) {
            all.addAll(c.commitments());
            if (!Lineage.root(Lineage.sorted(c.commitments())).equals(c.lineageRoot())
                    || c.commitments().size() != c.lineageSize()) {
                problems.add("component " + c.componentId() + " lineage root does not match its records");
            }
        }
        if (!Lineage.root(Lineage.sorted(all)).equals(e.lineageRoot())) {
            problems.add("the version's lineage root does not match its components' records");
        }
        if (!VersionDigest.of(e.modelId().value(), e.version(), e.components()).equals(e.digest())) {
            problems.add("the version digest does not match its components");
        }
        return problems;
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
