package io.lethe.worker.steps;

import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ComponentResult;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BranchResult;
import io.lethe.worker.store.StoredComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that the device now holds exactly the version the job describes — the same branches, each
 * trained on exactly its committed slice — and turns it into the result's digests and the stored rows.
 * A mismatch fails the job: a lineage the ledger would publish must be what was really trained.
 */
final class VersionComponents {

    record Assembled(List<ComponentResult> results, List<StoredComponent> rows) {
    }

    private VersionComponents() {
    }

    static Assembled assemble(JobContext ctx, List<StoredComponent> base) {
        Map<String, BranchResult> onDevice = ctx.model().branches().stream()
                .collect(Collectors.toMap(b -> b.spec().branchId(), Function.identity()));
        requireSameBranches(ctx, onDevice.keySet());
        Map<String, StoredComponent> before = base.stream()
                .collect(Collectors.toMap(StoredComponent::componentId, Function.identity()));
        List<ComponentResult> results = new ArrayList<>();
        List<StoredComponent> rows = new ArrayList<>();
        for (Component c : ctx.job().components()) {
            StoredComponent row = c.isBackbone() ? backbone(ctx, c, before) : branch(ctx, c, onDevice, before);
            results.add(new ComponentResult(c.componentId(), row.weightsDigest()));
            rows.add(row);
        }
        return new Assembled(results, rows);
    }

    private static StoredComponent backbone(JobContext ctx, Component c, Map<String, StoredComponent> before) {
        String digest = ctx.model().backboneDigest();
        StoredComponent old = before.get(c.componentId());
        if (old == null || !old.weightsDigest().equals(digest)) {
            // Only a backbone trained by this job is checked: a restored one lacks the payloads of shredded
            // subjects (so its in-memory slice is shorter) and was checked when it was trained.
            requireSlice(c, ctx.model().backboneSlice().stream().map(SimRecord::recordId).toList());
        }
        return new StoredComponent(c.componentId(), c.kind().name(), 0, c.seed(), digest, null, 0,
                c.commitments(), c.forgetCommitments(), trainedBy(ctx, c, digest, before));
    }

    private static StoredComponent branch(JobContext ctx, Component c, Map<String, BranchResult> onDevice,
                                          Map<String, StoredComponent> before) {
        BranchResult r = onDevice.get(c.componentId());
        if (c.kind() == ComponentKind.BRANCH) {
            // An unlearning branch is trained on everything the model knows; its slice is the simulator's.
            requireSlice(c, r.sliceRecordIds());
        }
        return new StoredComponent(c.componentId(), c.kind().name(), r.spec().rank(), r.spec().seed(), r.digest(),
                r.weights().canonicalBytes(), r.weights().sramBytes(), c.commitments(), c.forgetCommitments(),
                trainedBy(ctx, c, r.digest(), before));
    }

    private static String trainedBy(JobContext ctx, Component c, String digest, Map<String, StoredComponent> before) {
        StoredComponent old = before.get(c.componentId());
        return old != null && old.weightsDigest().equals(digest) ? old.trainedByJob() : ctx.job().jobId();
    }

    private static void requireSameBranches(JobContext ctx, Set<String> onDevice) {
        Set<String> listed = ctx.job().components().stream().filter(c -> !c.isBackbone())
                .map(Component::componentId).collect(Collectors.toSet());
        if (!listed.equals(onDevice)) {
            throw new IllegalStateException("version " + ctx.job().version() + " lists branches " + sorted(listed)
                    + " but the device holds " + sorted(onDevice));
        }
    }

    private static void requireSlice(Component c, List<String> trainedOn) {
        if (!sorted(c.commitments()).equals(sorted(trainedOn))) {
            throw new IllegalStateException("component " + c.componentId() + " lists " + c.commitments().size()
                    + " records but was trained on " + trainedOn.size() + " other or more records");
        }
    }

    private static List<String> sorted(java.util.Collection<String> ids) {
        return ids.stream().sorted().toList();
    }
}
