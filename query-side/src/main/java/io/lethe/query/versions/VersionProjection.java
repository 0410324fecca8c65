package io.lethe.query.versions;

import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.IngestedRecord;
import io.lethe.api.events.RecordsForgottenEvent;
import io.lethe.api.events.RecordsIngestedEvent;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionFailedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.verifier.Lineage;
import io.lethe.query.consume.EventProjection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.lethe.query.consume.ProjectionSql.json;
import static io.lethe.query.consume.ProjectionSql.update;

/**
 * The {@code query.model_versions} read model and its lineage tables: versions from request to
 * completion and deployment, which records each completed version saw, which subject each record
 * belongs to (by pseudonym), and every completed forget with its guarantee.
 */
public final class VersionProjection implements EventProjection {

    private static final String INGESTED = DomainEvent.cloudEventType(RecordsIngestedEvent.class);

    @Override
    public void apply(EventEnvelope event, Connection c) throws SQLException {
        Object payload = event.payload().orElse(null);
        Timestamp at = Timestamp.from(event.timestamp());
        if (payload instanceof RecordsIngestedEvent e) {
            recordSubjects(c, List.of(e));
        } else if (payload instanceof VersionRequestedEvent e) {
            // A forget's guarantee is fixed by its plan; storing it now means no reader ever sees a
            // completed forget version without one (completion and RecordsForgotten are two events).
            update(c, "INSERT INTO query.model_versions (model_id, version, base_version, cause, job_id, status,"
                    + " guarantee, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT DO NOTHING",
                    e.modelId().value(), e.version(), e.baseVersion(), e.cause().name(), e.jobId(),
                    e.forget() == null ? null : e.forget().guarantee().name(), at);
        } else if (payload instanceof VersionCompletedEvent e) {
            completed(c, e, at);
        } else if (payload instanceof VersionFailedEvent e) {
            update(c, "UPDATE query.model_versions SET status = 'FAILED', failure_reason = ? WHERE model_id = ?"
                    + " AND version = ?", e.reason(), e.modelId().value(), e.version());
        } else if (payload instanceof VersionDeployedEvent e) {
            update(c, "UPDATE query.model_versions SET deployed_at = ? WHERE model_id = ? AND version = ?",
                    at, e.modelId().value(), e.version());
            update(c, "UPDATE query.models SET deployed_version = ? WHERE model_id = ?", e.version(),
                    e.modelId().value());
        } else if (payload instanceof RecordsForgottenEvent e) {
            forgotten(c, e, at);
        }
    }

    /**
     * The records of every ingest in the batch in one JDBC batch (ingests are the bulk of the events, and
     * nothing else here reads or writes {@code record_subjects}), then the other events in order.
     */
    @Override
    public void applyAll(List<EventEnvelope> events, Connection c) throws SQLException {
        List<RecordsIngestedEvent> ingests = new ArrayList<>();
        List<EventEnvelope> others = new ArrayList<>();
        for (EventEnvelope event : events) {
            // Told apart by type name, so each event's payload is read once (here, or in apply).
            if (INGESTED.equals(event.eventType()) && event.payload().orElse(null) instanceof RecordsIngestedEvent e) {
                ingests.add(e);
            } else {
                others.add(event);
            }
        }
        recordSubjects(c, ingests);
        for (EventEnvelope event : others) {
            apply(event, c);
        }
    }

    private static void recordSubjects(Connection c, List<RecordsIngestedEvent> ingests) throws SQLException {
        if (ingests.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO query.record_subjects (commitment, subject_pseudonym, dataset) VALUES (?, ?, ?)"
                + " ON CONFLICT (commitment) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (RecordsIngestedEvent e : ingests) {
                for (IngestedRecord record : e.records()) {
                    s.setString(1, record.commitment());
                    s.setString(2, record.subjectPseudonym());
                    s.setString(3, e.dataset());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static void completed(Connection c, VersionCompletedEvent e, Timestamp at) throws SQLException {
        Set<String> seen = new HashSet<>();
        e.components().forEach(component -> seen.addAll(component.commitments()));
        List<String> lineage = Lineage.sorted(seen);
        update(c, "UPDATE query.model_versions SET status = 'COMPLETED', digest = ?, lineage_root = ?,"
                        + " lineage_size = ?, lineage = ?::jsonb, components = ?::jsonb, metrics = ?::jsonb,"
                        + " cost = ?::jsonb, completed_at = ? WHERE model_id = ? AND version = ?",
                e.digest(), e.lineageRoot(), e.lineageSize(), json(lineage), json(withoutCommitments(e.components())),
                json(e.metrics()), json(e.cost()), at, e.modelId().value(), e.version());
        String sql = "INSERT INTO query.version_records (model_id, version, commitment) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (String commitment : lineage) {
                s.setString(1, e.modelId().value());
                s.setInt(2, e.version());
                s.setString(3, commitment);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The version row keeps one copy of the lineage; per-component lists would repeat it. */
    private static List<ComponentLineage> withoutCommitments(List<ComponentLineage> components) {
        return components.stream().map(x -> new ComponentLineage(x.componentId(), x.kind(), x.rank(), x.seed(),
                x.weightsDigest(), x.lineageRoot(), x.lineageSize(), List.of())).toList();
    }

    private static void forgotten(Connection c, RecordsForgottenEvent e, Timestamp at) throws SQLException {
        update(c, "UPDATE query.model_versions SET guarantee = ? WHERE model_id = ? AND version = ?",
                e.guarantee().name(), e.modelId().value(), e.versionAfter());
        update(c, "INSERT INTO query.forgets (model_id, version_after, version_before, guarantee, forgotten_count,"
                        + " retrained, metrics, completed_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                        + " ON CONFLICT DO NOTHING",
                e.modelId().value(), e.versionAfter(), e.versionBefore(), e.guarantee().name(),
                e.commitments().size(), json(e.retrainedComponentIds()), json(e.metrics()), at);
    }
}
