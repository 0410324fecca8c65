package io.lethe.worker.steps;

import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.JobType;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BranchResult;
import io.lethe.sim.model.BranchSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * LEARN and ADAPT: one LoRA branch per trained component, in the version's order, each on its slice on
 * top of the backbone and the branches before it. Labels the model does not know yet become the branch's
 * new classes (a digital head extension), so a branch never reprograms the analogue tiles.
 */
final class BranchTraining {

    private BranchTraining() {
    }

    static Step run(JobContext ctx) {
        CostLedger cost = new CostLedger();
        List<SimRecord> trainedOn = new ArrayList<>();
        long sramBefore = ctx.model().sram().bytesWritten();
        int newClasses = 0;
        double lossSum = 0;
        List<Component> branches = ctx.trained().stream().filter(c -> c.kind() == ComponentKind.BRANCH).toList();
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a " + ctx.job().type() + " job must train at least one branch");
        }
        for (Component c : branches) {
            List<SimRecord> slice = ctx.records().require(c.commitments(), "branch " + c.componentId());
            List<String> fresh = slice.stream().map(SimRecord::label).distinct()
                    .filter(l -> !ctx.model().classes().contains(l)).sorted().toList();
            BranchSpec spec = BranchSpec.learn(c.componentId(), c.rank(), c.seed(),
                    ctx.task().branchHyperparameters(), fresh);
            BranchResult r = ctx.job().type() == JobType.ADAPT && !fresh.isEmpty()
                    ? ctx.model().adapt(spec, slice) : ctx.model().trainBranch(spec, slice);
            cost.addAll(r.cost());
            trainedOn.addAll(slice);
            newClasses += fresh.size();
            lossSum += r.finalLoss();
        }
        Metrics m = new Metrics()
                .put("trainAccuracy", ctx.accuracy(trainedOn))
                .put("finalLoss", lossSum / branches.size())
                .put("branchesTrained", branches.size())
                .put("newClasses", newClasses)
                .put("records", trainedOn.size())
                .put("sramBytesWritten", ctx.model().sram().bytesWritten() - sramBefore)
                .put("sramBytesUsed", ctx.model().sram().usedBytes());
        return new Step(m, cost);
    }
}
