package io.lethe.app.verify;

import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ComponentResult;
import io.lethe.api.jobs.Job;
import io.lethe.app.verify.RetrainReport.ComponentCheck;
import io.lethe.app.verify.RetrainReport.Outcome;
import io.lethe.app.verify.RetrainReport.VersionCheck;
import io.lethe.sim.model.SimModelSnapshot;
import io.lethe.worker.steps.Execution;
import io.lethe.worker.steps.JobExecutor;
import io.lethe.worker.steps.ModelCache;
import io.lethe.worker.steps.TaskCatalog;
import io.lethe.worker.store.WorkerStore;
import io.lethe.worker.vault.UnreadableRecordsException;
import io.lethe.worker.vault.VaultReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@code lethe verify --retrain}: checks the claim "the recorded digest is what the recorded inputs produce". For
 * every completed version it rebuilds the job from {@code VersionRequestedEvent} (seeds, slices, plan), runs it
 * again with the worker's own {@link JobExecutor} from the base version's stored device snapshot and records from
 * the vault, stores nothing, and compares every component's weights digest bit for bit with
 * {@code VersionCompletedEvent}. Backbone training is replayed too: it is seeded like the rest, and on the bundled
 * workloads it takes seconds, not minutes (the summary reports its time apart, so a costly one shows).
 *
 * <p>A version whose records are gone on purpose (a subject's key shredded by an erasure the ledger records) cannot
 * be replayed; it is listed as such and does not fail the verification. Records unreadable for any other reason,
 * or a missing base snapshot, fail it: the workers never delete either.
 */
public final class RetrainVerifier {

    /**
     * @param modelId  only this model's versions, else every model's
     * @param progress told of each version as soon as it is checked (a replay takes seconds per version)
     */
    public record Options(Optional<String> modelId, Consumer<VersionCheck> progress) {
    }

    private final WorkerStore store;
    private final VaultReader vault;
    private final JobExecutor executor;
    private final ErasedRecords erased;
    // Completed versions seen so far, "model@version": tells a component new in a version from a carried-over one.
    private final Map<String, VersionCompletedEvent> completed = new HashMap<>();

    private RetrainVerifier(Connection events, DataSource workerDb) {
        this.erased = new ErasedRecords(events);
        this.store = new WorkerStore(workerDb);
        this.vault = new VaultReader(workerDb);
        // An empty cache: every replay starts from the base version's stored snapshot, never from a prior replay.
        this.executor = new JobExecutor(store, vault, new ModelCache(1), new TaskCatalog());
    }

    /**
     * Replays every completed version. Never throws for a mismatch, only when a database cannot be read.
     *
     * @param events   a connection to the event store
     * @param workerDb the workers' schema and the vault, read only
     */
    public static RetrainReport verify(Connection events, DataSource workerDb, Options options) throws SQLException {
        long began = System.nanoTime();
        CompletedVersions.Read read = CompletedVersions.read(events, options.modelId());
        RetrainVerifier verifier = new RetrainVerifier(events, workerDb);
        List<VersionCheck> checks = new ArrayList<>();
        for (CompletedVersions.Completed version : read.versions()) {
            VersionCheck check = verifier.check(version);
            options.progress().accept(check);
            checks.add(check);
        }
        return new RetrainReport(checks, read.problems(), System.nanoTime() - began);
    }

    private VersionCheck check(CompletedVersions.Completed version) throws SQLException {
        long began = System.nanoTime();
        Job job = version.requested().toJob();
        completed.put(key(job.modelId(), job.version()), version.completed());
        if (job.baseVersion() > 0 && store.preset(job.modelId(), job.baseVersion()).isEmpty()) {
            // Workers never delete a snapshot: a missing one is lost or removed state, not an erasure.
            return result(version, Outcome.REPLAY_FAILED, List.of(), "the workers hold no stored state of its base"
                    + " version v" + job.baseVersion(), began);
        }
        Execution execution;
        try {
            execution = executor.execute(job);
        } catch (UnreadableRecordsException e) {
            String excuse = erased.excuse(e.commitments());
            return excuse != null
                    ? result(version, Outcome.NOT_REPLAYABLE, List.of(), e.getMessage() + "; " + excuse, began)
                    : result(version, Outcome.REPLAY_FAILED, List.of(), e.getMessage()
                    + ", and the ledger records no erasure for some of them", began);
        } catch (RuntimeException e) {
            return result(version, Outcome.REPLAY_FAILED, List.of(), "the job now fails: " + e.getMessage(), began);
        }
        List<ComponentCheck> components = compare(version, execution.result().components());
        if (components.stream().anyMatch(c -> !c.matches()) && readsWholeBase(job)) {
            Optional<String> excuse = erasedBaseRecords(job);
            if (excuse.isPresent()) {
                return result(version, Outcome.NOT_REPLAYABLE, List.of(), "its training reads every record of the"
                        + " base version, and " + excuse.get() + ", so the replay differs", began);
            }
        }
        return result(version, Outcome.REPLAYED, components, null, began);
    }

    /** Every recorded component beside its replayed digest; a component only the replay has is a mismatch too. */
    private List<ComponentCheck> compare(CompletedVersions.Completed version, List<ComponentResult> replayed) {
        Map<String, String> recomputed = new LinkedHashMap<>();
        replayed.forEach(r -> recomputed.put(r.componentId(), r.weightsDigest()));
        Job job = version.requested().toJob();
        VersionCompletedEvent base = completed.get(key(job.modelId(), job.baseVersion()));
        // REBASE reprograms the backbone and retrains every branch on it, not only those its plan names.
        boolean rebase = job.forget() != null && job.forget().guarantee() == Guarantee.REBASE;
        List<ComponentCheck> checks = new ArrayList<>();
        for (ComponentLineage c : version.completed().components()) {
            boolean retrained = job.trainComponentIds().contains(c.componentId()) || rebase || base == null
                    || base.components().stream().noneMatch(b -> b.componentId().equals(c.componentId()));
            checks.add(new ComponentCheck(c.componentId(), retrained, c.weightsDigest(),
                    recomputed.remove(c.componentId())));
        }
        recomputed.forEach((id, digest) -> checks.add(new ComponentCheck(id, true, null, digest)));
        return checks;
    }

    /**
     * APPROXIMATE unlearning and REBASE train on every record the base version knows, so a record that became
     * unreadable since (a shredded subject) silently changes the replay; every other job requires all it reads.
     */
    static boolean readsWholeBase(Job job) {
        if (job.forget() == null) {
            return false;
        }
        return job.forget().guarantee() == Guarantee.REBASE || job.forget().guarantee() == Guarantee.APPROXIMATE
                && job.components().stream().anyMatch(c -> c.kind() == ComponentKind.UNLEARNING_BRANCH
                && job.trainComponentIds().contains(c.componentId()));
    }

    /**
     * @return why the base snapshot's records that are unreadable now are so on purpose; empty if none is
     *         unreadable or any of them was not erased
     */
    private Optional<String> erasedBaseRecords(Job job) throws SQLException {
        Optional<byte[]> snapshot = store.snapshot(job.modelId(), job.baseVersion());
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        Set<String> unreadable = vault.load(SimModelSnapshot.recordIds(snapshot.get())).unreadable().keySet();
        if (unreadable.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(erased.excuse(unreadable))
                .map(excuse -> unreadable.size() + " of its records are unreadable (" + excuse + ")");
    }

    private static VersionCheck result(CompletedVersions.Completed version, Outcome outcome,
                                       List<ComponentCheck> components, String reason, long began) {
        VersionCompletedEvent c = version.completed();
        return new VersionCheck(c.modelId().value(), c.version(), c.baseVersion(), version.requested().cause(),
                outcome, components, reason, System.nanoTime() - began);
    }

    private static String key(String modelId, int version) {
        return modelId + "@" + version;
    }
}
