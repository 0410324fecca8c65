package io.lethe.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.commands.Task;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A requested version is carried out as exactly one job; the stored event stays the same JSON. */
class VersionRequestedEventTest {

    private static final Component BACKBONE = new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, 7,
            List.of("c1"), List.of());
    private static final Component BRANCH = new Component("b0", ComponentKind.BRANCH, 8, 11, List.of("c2"), List.of());

    @Test
    void aForgetRequestBecomesTheForgetJobWithEverythingItNeeds() {
        ForgetPlan plan = new ForgetPlan(Guarantee.EXACT, List.of("c3"), List.of("b0"));
        VersionRequestedEvent event = new VersionRequestedEvent(ModelId.of("m1"), 3, 2, VersionCause.FORGET, "m1:v3",
                Task.FACE, "paper-180nm", List.of(BACKBONE, BRANCH), List.of("b0"), plan, "erasure-1");

        assertThat(event.toJob()).isEqualTo(new Job("m1:v3", "m1", Task.FACE, "paper-180nm", JobType.FORGET, 3, 2,
                List.of(BACKBONE, BRANCH), List.of("b0"), plan));
    }

    @Test
    void everyCauseHasItsJobType() {
        for (VersionCause cause : VersionCause.values()) {
            VersionRequestedEvent event = new VersionRequestedEvent(ModelId.of("m1"), 1, 0, cause, "j", Task.FACE,
                    null, List.of(BACKBONE), List.of(), null, null);
            assertThat(event.toJob().type().name()).isEqualTo(cause.name());
        }
    }

    @Test
    void theJobIsNotPartOfTheStoredEvent() {
        VersionRequestedEvent event = new VersionRequestedEvent(ModelId.of("m1"), 1, 0, VersionCause.TRAIN_BACKBONE,
                "j", Task.FACE, null, List.of(BACKBONE), List.of(Component.BACKBONE_ID), null, null);
        JsonNode json = Json.mapper().valueToTree(event);

        assertThat(json.fieldNames()).toIterable().containsExactly("modelId", "version", "baseVersion", "cause",
                "jobId", "task", "preset", "components", "trainComponentIds", "forget", "erasureId");
    }
}
