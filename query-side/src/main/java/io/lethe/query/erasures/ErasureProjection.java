package io.lethe.query.erasures;

import io.lethe.api.events.ErasureCompletedEvent;
import io.lethe.api.events.ErasureExtendedEvent;
import io.lethe.api.events.ErasureFailedEvent;
import io.lethe.api.events.ErasureJoinedEvent;
import io.lethe.api.events.ErasureModelDeployedEvent;
import io.lethe.api.events.ErasureModelSettledEvent;
import io.lethe.api.events.ErasureOverdueEvent;
import io.lethe.api.events.ErasureRequestedEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.query.consume.EventProjection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;

import static io.lethe.query.consume.ProjectionSql.json;
import static io.lethe.query.consume.ProjectionSql.update;

/**
 * The erasure queue: {@code query.erasures}, their models and joined request ids. Status moves
 * RECEIVED → IN_PROGRESS → COMPLETED; EXTENDED and OVERDUE stick until the erasure ends; FAILED ends it.
 */
public final class ErasureProjection implements EventProjection {

    @Override
    public void apply(EventEnvelope event, Connection c) throws SQLException {
        Object payload = event.payload().orElse(null);
        if (payload instanceof ErasureRequestedEvent e) {
            requested(c, e);
        } else if (payload instanceof ErasureJoinedEvent e) {
            update(c, "INSERT INTO query.erasure_aliases (alias_id, erasure_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    e.requestedErasureId(), e.erasureId());
        } else if (payload instanceof ErasureModelSettledEvent e) {
            update(c, "UPDATE query.erasure_models SET guarantee = ?, version_before = ?, version_after = ?,"
                            + " metrics = ?::jsonb WHERE erasure_id = ? AND model_id = ?",
                    e.guarantee() == null ? null : e.guarantee().name(), e.versionBefore(), e.versionAfter(),
                    json(e.metrics()), e.erasureId(), e.modelId());
            update(c, "UPDATE query.erasures SET status = 'IN_PROGRESS' WHERE erasure_id = ? AND status = 'RECEIVED'",
                    e.erasureId());
        } else if (payload instanceof ErasureModelDeployedEvent e) {
            update(c, "UPDATE query.erasure_models SET deployed = true WHERE erasure_id = ? AND model_id = ?",
                    e.erasureId(), e.modelId());
        } else if (payload instanceof ErasureExtendedEvent e) {
            update(c, "UPDATE query.erasures SET due_at = ?, extension_reason = ?, extension_notice = ?,"
                            + " status = CASE WHEN status = 'OVERDUE' THEN status ELSE 'EXTENDED' END"
                            + " WHERE erasure_id = ?",
                    Timestamp.from(e.dueAt()), e.reason(), e.notice(), e.erasureId());
        } else if (payload instanceof ErasureOverdueEvent e) {
            update(c, "UPDATE query.erasures SET status = 'OVERDUE' WHERE erasure_id = ?", e.erasureId());
        } else if (payload instanceof ErasureCompletedEvent e) {
            update(c, "UPDATE query.erasures SET status = 'COMPLETED', completed_at = ?, completion_event = ?"
                    + " WHERE erasure_id = ?", Timestamp.from(e.completedAt()), event.eventId(), e.erasureId());
        } else if (payload instanceof ErasureFailedEvent e) {
            update(c, "UPDATE query.erasures SET status = 'FAILED', failure_reason = ? WHERE erasure_id = ?",
                    e.reason(), e.erasureId());
        }
    }

    private static void requested(Connection c, ErasureRequestedEvent e) throws SQLException {
        update(c, "INSERT INTO query.erasures (erasure_id, subject_pseudonym, requested_by, status, received_at,"
                        + " due_at) VALUES (?, ?, ?, 'RECEIVED', ?, ?) ON CONFLICT DO NOTHING",
                e.erasureId(), e.subjectPseudonym(), e.requestedBy(), Timestamp.from(e.receivedAt()),
                Timestamp.from(e.dueAt()));
        for (String modelId : e.modelIds()) {
            update(c, "INSERT INTO query.erasure_models (erasure_id, model_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    e.erasureId(), modelId);
        }
    }
}
