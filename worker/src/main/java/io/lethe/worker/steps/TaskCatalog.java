package io.lethe.worker.steps;

import io.lethe.api.commands.Task;
import io.lethe.samples.BundledSamples;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.model.BranchObjective;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.workload.FaceTask;
import io.lethe.sim.workload.ImageTask;
import io.lethe.sim.workload.SpeakerTask;
import io.lethe.sim.workload.TaskDefinition;
import java.util.EnumMap;
import java.util.Map;

/**
 * The simulator's workload for each contract task, built once per worker (the image task trains its
 * style judge when built), and the paper's APPROXIMATE unlearning recipe per task.
 */
public final class TaskCatalog {

    /**
     * How an APPROXIMATE unlearning branch is trained. The same values as the simulator's report plans
     * ({@code io.lethe.sim.report.Plans}): the paper's objective per task, CI-sized epochs.
     */
    public record Unlearning(BranchObjective objective, Hyperparameters hyperparameters) {
    }

    private final Map<Task, TaskDefinition> definitions = new EnumMap<>(Task.class);

    /** The workload for {@code task}. */
    public synchronized TaskDefinition definition(Task task) {
        return definitions.computeIfAbsent(task, TaskCatalog::build);
    }

    /** The unlearning recipe for {@code task}. */
    public static Unlearning unlearning(Task task) {
        return switch (task) {
            case FACE -> new Unlearning(BranchObjective.WEIGHTED_ASCENT, new Hyperparameters(16, 0.01, 512, 4));
            case SPEAKER -> new Unlearning(BranchObjective.RANDOM_RELABEL, new Hyperparameters(15, 0.01, 64, 16));
            case IMAGE -> new Unlearning(BranchObjective.RANDOM_TARGET, new Hyperparameters(20, 0.01, 64, 16));
        };
    }

    private static TaskDefinition build(Task task) {
        return switch (task) {
            case FACE -> new FaceTask();
            case SPEAKER -> new SpeakerTask();
            case IMAGE -> new ImageTask(SampleSource.of(BundledSamples::read, BundledSamples::file));
        };
    }
}
