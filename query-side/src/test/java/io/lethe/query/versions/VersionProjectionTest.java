package io.lethe.query.versions;

import io.lethe.api.Json;
import io.lethe.api.commands.Task;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.views.VersionView;
import io.lethe.query.log.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VersionProjectionTest {

    private final VersionProjection projection = new VersionProjection();
    private final ModelId model = new ModelId("face-" + UUID.randomUUID().toString().substring(0, 8));

    /**
     * A forget completes in two events (VersionCompleted, then RecordsForgotten), each projected in its
     * own transaction; a reader between them must still see the version's guarantee.
     */
    @Test
    void aCompletedForgetVersionShowsItsGuaranteeBeforeRecordsForgottenIsProjected() throws Exception {
        ForgetPlan plan = new ForgetPlan(Guarantee.EXACT, List.of("c1"), List.of("b1"));
        Component branch = new Component("b1", ComponentKind.BRANCH, 4, 7L, List.of("c2"), List.of());
        apply(new VersionRequestedEvent(model, 3, 2, VersionCause.FORGET, model + ":v3", Task.FACE, "paper-180nm",
                List.of(branch), List.of("b1"), plan, null));
        apply(new VersionCompletedEvent(model, 3, 2, VersionCause.FORGET, model + ":v3", "digest", "root", 1,
                List.of(new ComponentLineage("b1", ComponentKind.BRANCH, 4, 7L, "w", "root", 1,
                        List.of("c2"))), Map.of("forgetAccuracy", 0.0), Map.of()));

        VersionView view = new VersionQueries(TestDatabase.dataSource()).find(model.value(), 3).orElseThrow();
        assertThat(view.status()).isEqualTo("COMPLETED");
        assertThat(view.guarantee()).isEqualTo("EXACT");
    }

    @Test
    void aVersionThatForgetsNothingHasNoGuarantee() throws Exception {
        apply(new VersionRequestedEvent(model, 1, 0, VersionCause.TRAIN_BACKBONE, model + ":v1", Task.FACE,
                "paper-180nm", List.of(), List.of(), null, null));

        VersionView view = new VersionQueries(TestDatabase.dataSource()).find(model.value(), 1).orElseThrow();
        assertThat(view.status()).isEqualTo("PENDING");
        assertThat(view.guarantee()).isNull();
    }

    private void apply(DomainEvent event) throws Exception {
        String type = DomainEvent.cloudEventType(event.getClass());
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type, "Model", model.value(), 0,
                Instant.now(), Json.mapper().valueToTree(event), 0);
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            c.setAutoCommit(false);
            projection.apply(envelope, c);
            c.commit();
        }
    }
}
