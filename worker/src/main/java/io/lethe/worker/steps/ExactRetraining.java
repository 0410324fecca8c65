package io.lethe.worker.steps;

import io.lethe.api.jobs.Component;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BranchResult;
import io.lethe.sim.model.BranchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * EXACT slice retraining (SISA-style) with the simulator's public operations, so that branches the new
 * version drops (nothing left in their slice) are handled too. Branches are trained independently (on the
 * backbone alone), so exactly the branches that hold a forgotten record or are dropped are zeroised and
 * detached; the ones the version keeps are retrained from their recorded seeds on their committed slices,
 * which no longer hold the records. Every other branch stays as it is, bit for bit.
 */
final class ExactRetraining {

    record Outcome(List<String> retrained, List<String> dropped, CostLedger cost) {
    }

    private ExactRetraining() {
    }

    static Outcome run(JobContext ctx, Set<String> forget) {
        List<BranchResult> affected = ctx.model().branches().stream().filter(b -> isAffected(ctx, b, forget)).toList();
        CostLedger cost = new CostLedger();
        List<String> retrained = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (BranchResult b : affected) {
            cost.add(Operation.SRAM_WRITE_BYTE, ctx.model().detach(b.spec().branchId()));
        }
        for (BranchResult b : affected) {
            String id = b.spec().branchId();
            if (ctx.component(id).isEmpty()) {
                dropped.add(id);
                continue;
            }
            BranchResult r = ctx.model().trainBranch(specWithout(b.spec(), forget), slice(ctx, b, forget));
            cost.addAll(r.cost());
            retrained.add(id);
        }
        return new Outcome(retrained, dropped, cost);
    }

    /**
     * The plan names the branch for retraining, or the new version drops it. The plan, not the device,
     * decides: an unlearning branch keeps a forgotten record in its retain set under APPROXIMATE (its
     * own forget set may be shredded already), and the plan records exactly that.
     */
    private static boolean isAffected(JobContext ctx, BranchResult b, Set<String> forget) {
        String id = b.spec().branchId();
        return ctx.job().forget().retrainComponentIds().contains(id) || ctx.component(id).isEmpty();
    }

    /** A plain branch learns its committed slice; an unlearning branch keeps its own slice minus the records. */
    private static List<SimRecord> slice(JobContext ctx, BranchResult b, Set<String> forget) {
        Component c = ctx.component(b.spec().branchId()).orElseThrow();
        List<String> ids = c.kind() == io.lethe.api.jobs.ComponentKind.BRANCH ? c.commitments()
                : b.sliceRecordIds().stream().filter(x -> !forget.contains(x)).toList();
        return ctx.records().require(ids, "retraining branch " + c.componentId());
    }

    private static BranchSpec specWithout(BranchSpec spec, Set<String> forget) {
        Set<String> stillForgotten = new TreeSet<>(spec.forgetRecordIds());
        stillForgotten.removeAll(forget);
        return new BranchSpec(spec.branchId(), spec.rank(), spec.seed(), spec.hyperparameters(), spec.newClasses(),
                spec.objective(), stillForgotten);
    }
}
