package io.lethe.worker.device;

import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.ForgetRequest;
import io.lethe.sim.model.ForgetResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * FORGET at the plan's guarantee: EXACT retrains the branches whose slice holds the records (and, as the
 * simulator requires for exactness, every branch trained on top of them); APPROXIMATE trains the plan's
 * unlearning branch with the paper's objective; REBASE retrains and reprograms the backbone.
 * Metrics compare the forget set before and after, and measure the retained data after.
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
        ForgetResult r = switch (plan.guarantee()) {
            case EXACT -> ctx.model().forget(ForgetRequest.exact(ids));
            case APPROXIMATE -> approximate(ctx, ids);
            case REBASE -> ctx.model().forget(ForgetRequest.rebase(ids));
        };
        List<String> retrained = r.retrainedBranches().stream().map(b -> b.spec().branchId()).toList();
        Metrics m = BackboneTraining.programming(new Metrics(), r.reprogramming())
                .put("recordsForgotten", ids.size())
                .put("forgetRecordsReadable", forgetSet.size())
                .put("forgetAccuracyBefore", accuracyBefore)
                .put("forgetAccuracy", ctx.accuracy(forgetSet))
                .put("forgetLossBefore", lossBefore)
                .put("forgetLoss", ctx.meanLoss(forgetSet))
                .put("retainAccuracy", ctx.accuracy(ctx.versionRecords(ids)))
                .put("chanceAccuracy", 1.0 / Math.max(1, ctx.model().classes().size()))
                .put("branchesRetrained", retrained.size())
                .put("branchesRetrainedBeyondPlan", plan.guarantee() != Guarantee.EXACT ? 0
                        : retrained.stream().filter(id -> !plan.retrainComponentIds().contains(id)).count())
                .put("sramBytesWritten", r.sramBytesWritten())
                .put("sramBytesUsed", ctx.model().sram().usedBytes());
        return new Step(m, r.cost());
    }

    private static ForgetResult approximate(JobContext ctx, Set<String> ids) {
        Component branch = ctx.trainedOne(ComponentKind.UNLEARNING_BRANCH);
        Set<String> forget = branch.forgetCommitments().isEmpty() ? ids : new TreeSet<>(branch.forgetCommitments());
        // Gradient ascent needs the forget set itself: it must still be readable.
        ctx.records().require(forget, "the forget set of unlearning branch " + branch.componentId());
        TaskCatalog.Unlearning recipe = TaskCatalog.unlearning(ctx.job().task());
        return ctx.model().forget(ForgetRequest.approximate(forget, branch.componentId(), branch.rank(),
                branch.seed(), recipe.hyperparameters(), recipe.objective()));
    }
}
