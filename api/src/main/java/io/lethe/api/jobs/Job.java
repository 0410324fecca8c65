package io.lethe.api.jobs;

import io.lethe.api.commands.Task;

import java.util.List;

/**
 * A training, unlearning or deployment job on {@code lethe.jobs}, keyed by model id so one model's
 * jobs run in order. Everything needed to carry it out deterministically is here: the base version
 * it starts from and the full component list of the version it produces.
 *
 * @param jobId         unique and stable: redeliveries carry the same id
 * @param version       the version this job produces (for DEPLOY: the version to deploy)
 * @param baseVersion   the version it starts from, or 0 for none
 * @param components    every component of {@code version}, with its lineage
 * @param trainComponentIds the components this job (re)trains; the others are carried over from the base
 * @param forget        FORGET jobs only
 */
public record Job(String jobId, String modelId, Task task, String preset, JobType type, int version,
                  int baseVersion, List<Component> components, List<String> trainComponentIds, ForgetPlan forget) {

    public Job {
        components = components == null ? List.of() : List.copyOf(components);
        trainComponentIds = trainComponentIds == null ? List.of() : List.copyOf(trainComponentIds);
    }
}
