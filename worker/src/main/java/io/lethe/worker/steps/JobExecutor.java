package io.lethe.worker.steps;

import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.sim.config.Presets;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.model.SimModelSnapshot;
import io.lethe.sim.workload.TaskDefinition;
import io.lethe.worker.store.StoredComponent;
import io.lethe.worker.store.WorkerStore;
import io.lethe.worker.vault.VaultReader;
import io.lethe.worker.vault.VaultRecords;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out one job on the simulator. The base version comes from this worker's memory when it holds
 * it and can still read every record it was trained on, else from its stored snapshot (never by replaying
 * old jobs: an erased subject's records may be unreadable now). All records the job may touch are read
 * from the vault in one query.
 *
 * <p>{@link SQLException} means "try again later"; any {@link RuntimeException} means the job itself
 * cannot be done (unknown base, unreadable records, a plan the simulator rejects) and fails it.
 */
public final class JobExecutor {

    private final WorkerStore store;
    private final VaultReader vault;
    private final ModelCache cache;
    private final TaskCatalog tasks;

    public JobExecutor(WorkerStore store, VaultReader vault, ModelCache cache, TaskCatalog tasks) {
        this.store = store;
        this.vault = vault;
        this.cache = cache;
        this.tasks = tasks;
    }

    public Execution execute(Job job) throws SQLException {
        requireWellFormed(job);
        return job.type() == JobType.DEPLOY ? deploy(job) : produce(job);
    }

    private Execution produce(Job job) throws SQLException {
        long start = System.nanoTime();
        TaskDefinition task = tasks.definition(job.task());
        SimConfig config = Presets.load(job.preset() == null ? Presets.PAPER_180NM : job.preset());
        Base base = base(job);
        VaultRecords records = base.records();
        SimModel model = job.baseVersion() == 0 ? SimModel.create(task, config) : base.held() != null ? base.held()
                : SimModelSnapshot.restore(base.snapshot(), task, config, records::get);
        JobContext ctx = new JobContext(job, task, config, model, records);
        Step step = switch (job.type()) {
            case TRAIN_BACKBONE -> BackboneTraining.run(ctx);
            case LEARN, ADAPT -> BranchTraining.run(ctx);
            case FORGET -> Forgetting.run(ctx);
            case DEPLOY -> throw new IllegalStateException("unreachable");
        };
        List<StoredComponent> baseRows = job.baseVersion() == 0 ? List.of()
                : store.components(job.modelId(), job.baseVersion());
        VersionComponents.Assembled version = VersionComponents.assemble(ctx, baseRows);
        step.metrics().put("restoredFromSnapshot", base.snapshot() == null ? 0 : 1)
                .put("wallSeconds", (System.nanoTime() - start) / 1e9);
        CompleteJobCommand result = new CompleteJobCommand(ModelId.of(job.modelId()), job.jobId(), job.version(),
                CompleteJobCommand.COMPLETED, version.results(), step.metrics().toMap(),
                CostReport.of(step.cost(), config.costs()), null);
        return Execution.produced(result, model, task.name(), config.presetName(), SimModelSnapshot.write(model),
                version.rows());
    }

    private Execution deploy(Job job) throws SQLException {
        // DEPLOY jobs name no preset: the version's own decides the SRAM size and the prices.
        String preset = job.preset() != null ? job.preset()
                : store.preset(job.modelId(), job.version()).orElse(Presets.PAPER_180NM);
        SimConfig config = Presets.load(preset);
        List<StoredComponent> target = inJobOrder(job, store.components(job.modelId(), job.version()));
        if (target.isEmpty()) {
            throw new IllegalArgumentException("version " + job.version() + " of model " + job.modelId()
                    + " is unknown to the workers");
        }
        var previous = store.deployed(job.modelId());
        var previousRows = previous.version() == 0 ? List.<StoredComponent>of()
                : store.components(job.modelId(), previous.version());
        Deployment.Outcome outcome = Deployment.run(job.version(), target, previous, previousRows, config);
        CompleteJobCommand result = new CompleteJobCommand(ModelId.of(job.modelId()), job.jobId(), job.version(),
                CompleteJobCommand.COMPLETED, outcome.components(), outcome.metrics().toMap(),
                CostReport.of(outcome.cost(), config.costs()), null);
        return Execution.deployed(result, outcome.deployed());
    }

    /** The base model, from this worker's memory or its snapshot, and the records the job may use. */
    private record Base(SimModel held, byte[] snapshot, VaultRecords records) {
    }

    private Base base(Job job) throws SQLException {
        if (job.baseVersion() == 0) {
            return new Base(null, null, vault.load(recordIds(job, Set.of())));
        }
        SimModel held = cache.take(job.modelId(), job.baseVersion());
        if (held != null) {
            Set<String> ids = SimModelSnapshot.recordIds(held);
            VaultRecords records = vault.load(recordIds(job, ids));
            if (records.unreadable().keySet().stream().noneMatch(ids::contains)) {
                return new Base(held, null, records);
            }
            // The model in memory still holds records of a subject erased since: it must not train on them,
            // and the job must give what any worker restoring the base (which cannot read them) would give.
        }
        byte[] snapshot = baseSnapshot(job);
        return new Base(null, snapshot, vault.load(recordIds(job, SimModelSnapshot.recordIds(snapshot))));
    }

    private byte[] baseSnapshot(Job job) throws SQLException {
        return store.snapshot(job.modelId(), job.baseVersion()).orElseThrow(() -> new IllegalArgumentException(
                "base version " + job.baseVersion() + " of model " + job.modelId() + " is unknown to the workers"));
    }

    /** Every record of the new version, the forget set, and what the base model's slices name. */
    private static Set<String> recordIds(Job job, Set<String> baseRecords) {
        Set<String> ids = new TreeSet<>();
        for (Component c : job.components()) {
            ids.addAll(c.commitments());
            ids.addAll(c.forgetCommitments());
        }
        if (job.forget() != null) {
            ids.addAll(job.forget().commitments());
        }
        ids.addAll(baseRecords);
        return ids;
    }

    /** Stored rows in the order the job lists its components (stored order if it lists none). */
    private static List<StoredComponent> inJobOrder(Job job, List<StoredComponent> rows) {
        List<String> order = job.components().stream().map(Component::componentId).toList();
        return rows.stream().sorted(Comparator.comparingInt(r -> order.indexOf(r.componentId()) < 0
                ? Integer.MAX_VALUE : order.indexOf(r.componentId()))).toList();
    }

    private static void requireWellFormed(Job job) {
        if (job.type() == null || job.task() == null && job.type() != JobType.DEPLOY || job.version() <= 0
                || job.baseVersion() < 0) {
            throw new IllegalArgumentException("job " + job.jobId() + " lacks a type, task or positive version");
        }
        if (job.baseVersion() == 0 && job.type() != JobType.TRAIN_BACKBONE && job.type() != JobType.DEPLOY) {
            throw new IllegalArgumentException("a " + job.type() + " job needs a base version with a backbone");
        }
    }
}
