package io.lethe.worker.steps;

import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.model.BranchResult;
import io.lethe.sim.model.ForgetRequest;
import io.lethe.sim.model.ForgetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * FORGET at the plan's guarantee. EXACT retrains branches by their slices ({@link ExactRetraining});
 * APPROXIMATE does that for records in branches and trains the plan's unlearning branch with the paper's
 * objective for the backbone's records; REBASE has the simulator retrain and reprogram the backbone
 * (write-verify) and every branch on it. Metrics compare the forget set before and after, and measure
 * the retained data after.
 */
final class Forgetting {

    private Forgetting() {
    }

    static Step run(JobContext ctx) {
        ForgetPlan plan = ctx.job().forget();
        if (plan == null || plan.commitments().isEmpty()) {
            throw new IllegalArgumentException("a FORGET job needs a plan with records to forget");
        }
        Set<String> ids = new TreeSet<>(plan.commitments());
        List<SimRecord> forgetSet = ctx.records().available(ids);
        double accuracyBefore = ctx.accuracy(forgetSet);
        double lossBefore = ctx.meanLoss(forgetSet);
        long sramBefore = ctx.model().sram().bytesWritten();
        Done done = switch (plan.guarantee()) {
            case EXACT -> exact(ctx, ids);
            case APPROXIMATE -> approximate(ctx, ids);
            case REBASE -> rebase(ctx, ids);
        };
        Metrics m = BackboneTraining.programming(new Metrics(), done.reprogramming())
                .put("recordsForgotten", ids.size())
                .put("forgetRecordsReadable", forgetSet.size())
                .put("forgetAccuracyBefore", accuracyBefore)
                .put("forgetAccuracy", ctx.accuracy(forgetSet))
                .put("forgetLossBefore", lossBefore)
                .put("forgetLoss", ctx.meanLoss(forgetSet))
                .put("retainAccuracy", ctx.accuracy(ctx.versionRecords(ids)))
                .put("chanceAccuracy", 1.0 / Math.max(1, ctx.model().classes().size()))
                .put("branchesRetrained", done.retrained().size())
                .put("branchesDropped", done.dropped().size())
                .put("branchesRetrainedBeyondPlan",
                        done.retrained().stream().filter(id -> !plan.retrainComponentIds().contains(id)).count())
                .put("sramBytesWritten", ctx.model().sram().bytesWritten() - sramBefore)
                .put("sramBytesUsed", ctx.model().sram().usedBytes());
        return new Step(m, done.cost());
    }

    /** What a forget did to the device. */
    private record Done(List<String> retrained, List<String> dropped, ProgrammingResult reprogramming,
                        CostLedger cost) {
    }

    private static Done exact(JobContext ctx, Set<String> ids) {
        long inBackbone = ctx.backbone().commitments().stream().filter(ids::contains).count();
        if (inBackbone > 0) {
            throw new IllegalArgumentException("EXACT is not achievable by branch retraining: the backbone was "
                    + "trained on " + inBackbone + " of the records (use APPROXIMATE or REBASE)");
        }
        ExactRetraining.Outcome o = ExactRetraining.run(ctx, ids);
        return new Done(o.retrained(), o.dropped(), ProgrammingResult.none(), o.cost());
    }

    private static Done approximate(JobContext ctx, Set<String> ids) {
        ExactRetraining.Outcome branches = ExactRetraining.run(ctx, ids);
        if (ctx.job().components().stream().noneMatch(c -> c.kind() == ComponentKind.UNLEARNING_BRANCH
                && ctx.job().trainComponentIds().contains(c.componentId()))) {
            // Nothing in the backbone to suppress: the records only lingered in an earlier unlearning branch.
            return new Done(branches.retrained(), branches.dropped(), ProgrammingResult.none(), branches.cost());
        }
        Component unlearning = ctx.trainedOne(ComponentKind.UNLEARNING_BRANCH);
        Set<String> forget = new TreeSet<>(unlearning.forgetCommitments().isEmpty() ? ids
                : unlearning.forgetCommitments());
        // Gradient ascent needs the forget set itself: it must still be readable.
        ctx.records().require(forget, "the forget set of unlearning branch " + unlearning.componentId());
        TaskCatalog.Unlearning recipe = TaskCatalog.unlearning(ctx.job().task());
        ForgetResult r = ctx.model().forget(ForgetRequest.approximate(forget, unlearning.componentId(),
                unlearning.rank(), unlearning.seed(), recipe.hyperparameters(), recipe.objective()));
        CostLedger cost = branches.cost().copy();
        cost.addAll(r.cost());
        List<String> retrained = new ArrayList<>(branches.retrained());
        retrained.add(unlearning.componentId());
        return new Done(retrained, branches.dropped(), ProgrammingResult.none(), cost);
    }

    private static Done rebase(JobContext ctx, Set<String> ids) {
        CostLedger cost = new CostLedger();
        List<String> dropped = new ArrayList<>();
        for (BranchResult b : ctx.model().branches()) {
            if (ctx.component(b.spec().branchId()).isEmpty()) {
                cost.add(Operation.SRAM_WRITE_BYTE, ctx.model().detach(b.spec().branchId()));
                dropped.add(b.spec().branchId());
            }
        }
        ForgetResult r = ctx.model().forget(ForgetRequest.rebase(ids));
        cost.addAll(r.cost());
        List<String> retrained = new ArrayList<>(List.of(io.lethe.api.jobs.Component.BACKBONE_ID));
        r.retrainedBranches().forEach(b -> retrained.add(b.spec().branchId()));
        return new Done(retrained, dropped, r.reprogramming(), cost);
    }
}
