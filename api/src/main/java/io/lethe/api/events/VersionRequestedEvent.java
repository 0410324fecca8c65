package io.lethe.api.events;

import io.lethe.api.commands.Task;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;

import java.util.List;

/**
 * A new model version was planned and its job handed to the workers. The version is not usable
 * (not deployable) until {@link VersionCompletedEvent}.
 *
 * @param baseVersion        the version it builds on (0 for none): its lineage changes from there
 * @param components         every component of the new version with its training slice
 * @param trainComponentIds  the components the job (re)trains; the rest are carried over
 * @param forget             FORGET only: the plan and the guarantee it achieves
 * @param erasureId          the erasure this forget serves, if any
 */
public record VersionRequestedEvent(ModelId modelId, int version, int baseVersion, VersionCause cause, String jobId,
                                    Task task, String preset, List<Component> components,
                                    List<String> trainComponentIds, ForgetPlan forget, String erasureId)
        implements DomainEvent {

    public VersionRequestedEvent {
        components = List.copyOf(components);
        trainComponentIds = List.copyOf(trainComponentIds);
    }

    /**
     * The job that carries this version out: what the command side hands to the workers, and what
     * {@code lethe verify --retrain} runs again to check the digests the version recorded.
     */
    public Job toJob() {
        JobType type = switch (cause) {
            case TRAIN_BACKBONE -> JobType.TRAIN_BACKBONE;
            case LEARN -> JobType.LEARN;
            case ADAPT -> JobType.ADAPT;
            case FORGET -> JobType.FORGET;
        };
        return new Job(jobId, modelId.value(), task, preset, type, version, baseVersion, components,
                trainComponentIds, forget);
    }
}
