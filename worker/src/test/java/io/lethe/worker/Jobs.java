package io.lethe.worker;

import io.lethe.api.commands.Task;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Jobs as the command side publishes them, for one face model. */
public final class Jobs {

    private Jobs() {
    }

    public static Component backbone(List<String> commitments) {
        return new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, 7, sorted(commitments), null);
    }

    public static Component branch(String id, long seed, List<String> commitments) {
        return new Component(id, ComponentKind.BRANCH, 6, seed, sorted(commitments), null);
    }

    public static Job trainBackbone(String model, Component backbone) {
        return new Job(model + ":v1", model, Task.FACE, "paper-180nm", JobType.TRAIN_BACKBONE, 1, 0,
                List.of(backbone), List.of(Component.BACKBONE_ID), null);
    }

    /** A LEARN job producing {@code version} from {@code version - 1}, training {@code trained}. */
    public static Job learn(String model, int version, List<Component> carried, List<Component> trained) {
        List<Component> all = new ArrayList<>(carried);
        all.addAll(trained);
        return new Job(model + ":v" + version, model, Task.FACE, "paper-180nm", JobType.LEARN, version, version - 1,
                all, trained.stream().map(Component::componentId).toList(), null);
    }

    /** A FORGET job: {@code components} is the new version, {@code retrained} its retrained components. */
    public static Job forget(String model, int version, Guarantee guarantee, List<String> forgotten,
                             List<Component> components, List<String> retrained) {
        return new Job(model + ":v" + version, model, Task.FACE, "paper-180nm", JobType.FORGET, version,
                version - 1, components, retrained, new ForgetPlan(guarantee, sorted(forgotten),
                guarantee == Guarantee.EXACT ? retrained : List.of()));
    }

    public static Job deploy(String model, String jobId, int version) {
        return new Job(jobId, model, Task.FACE, "paper-180nm", JobType.DEPLOY, version, 0, List.of(), List.of(),
                null);
    }

    /** A copy of {@code c} trained on its slice minus {@code removed}. */
    public static Component without(Component c, List<String> removed) {
        return new Component(c.componentId(), c.kind(), c.rank(), c.seed(),
                c.commitments().stream().filter(x -> !removed.contains(x)).toList(), c.forgetCommitments());
    }

    @SafeVarargs
    public static List<String> concat(List<String>... lists) {
        return sorted(Stream.of(lists).flatMap(List::stream).toList());
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
