package io.lethe.command.model;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.AdaptCommand;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.commands.DeployCommand;
import io.lethe.api.commands.ForgetCommand;
import io.lethe.api.commands.LearnCommand;
import io.lethe.api.commands.RegisterModelCommand;
import io.lethe.api.commands.Task;
import io.lethe.api.commands.TrainBackboneCommand;
import io.lethe.api.events.DeviceUpdatedEvent;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.api.events.NothingToForgetEvent;
import io.lethe.api.events.RecordsForgottenEvent;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionFailedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.command.records.RecordRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model: its backbone, its LoRA branches with their slices, its versions and the deployed one.
 *
 * <p>Every change is a new version, planned here (which components, trained on which commitments)
 * and carried out by a worker; a version is deployable only once its job completed. Command
 * handlers check and apply; event-sourcing handlers only set fields.
 */
public class Model {

    @AggregateIdentifier
    private ModelId modelId;
    private Task task;
    private String preset;
    private int latestVersion;
    private Integer deployedVersion;
    private int branchCounter;
    private int deployCounter;
    private TreeMap<Integer, VersionState> versions = new TreeMap<>();

    /** Required by Axon to construct an empty instance before replaying its events. */
    protected Model() {
    }

    @CommandHandler
    public Model(RegisterModelCommand command) {
        apply(new ModelRegisteredEvent(command.modelId(), command.task(), command.preset()));
    }

    @CommandHandler
    void handle(TrainBackboneCommand command, RecordRegistry registry) {
        List<String> records = selected(registry.select(command.selector()));
        Component backbone = new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, command.seed(),
                records, List.of());
        // A new backbone starts a new lineage: branches trained against the old one no longer fit.
        request(VersionCause.TRAIN_BACKBONE, List.of(backbone), List.of(Component.BACKBONE_ID), null, null);
    }

    @CommandHandler
    void handle(LearnCommand command, RecordRegistry registry) {
        VersionState base = requireBackbone();
        RecordRegistry.Selection selection = registry.select(command.selector());
        List<List<String>> slices = Slices.bySubject(selected(selection), selection.subjectOf(), command.slices());
        List<Component> components = new ArrayList<>(base.components());
        List<String> trained = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            Component branch = newBranch(trained.size(), command.rank(), command.seed() + i,
                    Rehearsal.slice(base, slices.get(i), command.seed() + i));
            components.add(branch);
            trained.add(branch.componentId());
        }
        request(VersionCause.LEARN, components, trained, null, null);
    }

    @CommandHandler
    void handle(AdaptCommand command, RecordRegistry registry) {
        VersionState base = requireBackbone();
        Component branch = newBranch(0, command.rank(), command.seed(),
                Rehearsal.slice(base, selected(registry.select(command.selector())), command.seed()));
        List<Component> components = new ArrayList<>(base.components());
        components.add(branch);
        request(VersionCause.ADAPT, components, List.of(branch.componentId()), null, null);
    }

    @CommandHandler
    void handle(ForgetCommand command, RecordRegistry registry, ForgetPolicy policy) {
        RecordRegistry.Selection targets = targetsOf(command, registry);
        requireKnown(targets);
        VersionState base = latest();
        Set<String> seen = base == null ? Set.of() : base.lineage();
        List<String> forget = targets.commitments().stream().filter(seen::contains).toList();
        if (forget.isEmpty()) {
            apply(new NothingToForgetEvent(modelId, latestVersion, targets.commitments().size(), command.erasureId()));
            return;
        }
        Guarantee guarantee = ForgetPlanner.guaranteeFor(command.mode(), base, forget, policy);
        ForgetPlanner.Plan plan = ForgetPlanner.plan(base, forget, guarantee, "u" + (branchCounter + 1),
                latestVersion + 1L);
        request(VersionCause.FORGET, plan.components(), plan.trainComponentIds(), plan.forget(), command.erasureId());
    }

    /** A subject named by pseudonym (erasures, the producer library) or raw id, and/or record ids. */
    private static RecordRegistry.Selection targetsOf(ForgetCommand command, RecordRegistry registry) {
        if (command.subjectPseudonym() == null) {
            return registry.forgetTargets(command.subjectId(), command.recordIds());
        }
        RecordRegistry.Selection subject = registry.recordsOfPseudonym(command.subjectPseudonym());
        return command.recordIds().isEmpty() ? subject
                : subject.union(registry.forgetTargets(null, command.recordIds()));
    }

    @CommandHandler
    void handle(DeployCommand command) {
        VersionState version = versions.get(command.version());
        if (version == null) {
            throw new LetheException(ErrorCode.UNKNOWN_VERSION, "model " + modelId + " has no version " + command.version());
        }
        if (version.status() != VersionState.Status.COMPLETED) {
            throw new LetheException(ErrorCode.VERSION_NOT_COMPLETED,
                    "version " + command.version() + " is " + version.status().name().toLowerCase());
        }
        String jobId = modelId + ":deploy:" + (deployCounter + 1);
        apply(new VersionDeployedEvent(modelId, command.version(), deployedVersion, jobId, command.erasureId()));
    }

    @CommandHandler
    void handle(CompleteJobCommand result) {
        if (result.jobId().contains(":deploy:")) {
            apply(new DeviceUpdatedEvent(modelId, result.version(), result.jobId(), result.metrics()));
            return;
        }
        VersionState version = versions.get(result.version());
        if (version == null || !version.jobId().equals(result.jobId())) {
            throw new LetheException(ErrorCode.JOB_MISMATCH, "no job " + result.jobId() + " for version "
                    + result.version());
        }
        if (version.status() != VersionState.Status.PENDING) {
            return; // a repeated result: the version was settled by the first one
        }
        if (CompleteJobCommand.FAILED.equals(result.status())) {
            apply(new VersionFailedEvent(modelId, version.version(), version.jobId(), String.valueOf(result.reason()),
                    version.erasureId()));
            return;
        }
        apply(VersionCompletion.completed(modelId, version, result));
        if (version.forget() != null) {
            ForgetPlan plan = version.forget();
            apply(new RecordsForgottenEvent(modelId, version.baseVersion(), version.version(), plan.guarantee(),
                    plan.commitments(), version.trainComponentIds(), result.metrics(), version.erasureId()));
        }
    }

    private void request(VersionCause cause, List<Component> components, List<String> trained, ForgetPlan forget,
                         String erasureId) {
        int version = latestVersion + 1;
        VersionState base = latest();
        apply(new VersionRequestedEvent(modelId, version, base == null ? 0 : base.version(), cause,
                modelId + ":v" + version, task, preset, components, trained, forget, erasureId));
    }

    /** Branch ids are a letter and a number ({@code b3}, {@code u4}); numbers are never reused. */
    private static int highestBranchNumber(List<Component> components) {
        return components.stream().filter(c -> !c.isBackbone())
                .mapToInt(c -> Integer.parseInt(c.componentId().substring(1))).max().orElse(0);
    }

    private Component newBranch(int offset, int rank, long seed, List<String> slice) {
        return new Component("b" + (branchCounter + offset + 1), ComponentKind.BRANCH, rank, seed, slice, List.of());
    }

    /** The newest version that has not failed: new plans build on it (a pending one included, jobs run in order). */
    private VersionState latest() {
        return versions.descendingMap().values().stream()
                .filter(v -> v.status() != VersionState.Status.FAILED).findFirst().orElse(null);
    }

    private VersionState requireBackbone() {
        VersionState base = latest();
        if (base == null || base.backbone().isEmpty()) {
            throw new LetheException(ErrorCode.NO_BACKBONE, "model " + modelId + " has no backbone yet: TrainBackbone first");
        }
        return base;
    }

    private static List<String> selected(RecordRegistry.Selection selection) {
        requireKnown(selection);
        if (selection.commitments().isEmpty()) {
            throw new LetheException(ErrorCode.EMPTY_SELECTOR, "the selector matches no ingested record");
        }
        return selection.commitments();
    }

    private static void requireKnown(RecordRegistry.Selection selection) {
        if (!selection.unknownRecordIds().isEmpty()) {
            throw new LetheException(ErrorCode.UNKNOWN_RECORDS, "never ingested: " + selection.unknownRecordIds());
        }
    }

    @EventSourcingHandler
    void on(ModelRegisteredEvent event) {
        this.modelId = event.modelId();
        this.task = event.task();
        this.preset = event.preset();
    }

    @EventSourcingHandler
    void on(VersionRequestedEvent event) {
        latestVersion = event.version();
        branchCounter = Math.max(branchCounter, highestBranchNumber(event.components()));
        versions.put(event.version(), new VersionState(event.version(), event.baseVersion(), event.cause(),
                event.jobId(), VersionState.Status.PENDING, event.components(), event.trainComponentIds(),
                event.forget(), event.erasureId()));
    }

    @EventSourcingHandler
    void on(VersionCompletedEvent event) {
        versions.computeIfPresent(event.version(), (v, state) -> state.withStatus(VersionState.Status.COMPLETED));
    }

    @EventSourcingHandler
    void on(VersionFailedEvent event) {
        versions.computeIfPresent(event.version(), (v, state) -> state.withStatus(VersionState.Status.FAILED));
    }

    @EventSourcingHandler
    void on(VersionDeployedEvent event) {
        deployedVersion = event.version();
        deployCounter++;
    }
}
