package io.lethe.worker.steps;

import io.lethe.api.jobs.Component;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.model.BackboneResult;
import io.lethe.sim.model.BackboneSpec;
import io.lethe.sim.model.BranchResult;
import java.util.List;

/**
 * TRAIN_BACKBONE: trains the backbone off-chip on its slice and programs it into the analogue tiles
 * through write-verify. Classes are the slice's labels, sorted, so the same slice gives the same model.
 */
final class BackboneTraining {

    private BackboneTraining() {
    }

    static Step run(JobContext ctx) {
        Component backbone = ctx.backbone();
        List<SimRecord> records = ctx.records().require(backbone.commitments(), "the backbone");
        detachBranchesNotInVersion(ctx);
        List<String> classes = records.stream().map(SimRecord::label).distinct().sorted().toList();
        BackboneResult r = ctx.model().trainBackbone(
                new BackboneSpec(classes, backbone.seed(), ctx.task().backboneHyperparameters()), records);
        CostLedger cost = r.trainingCost().copy();
        cost.addAll(r.programmingCost());
        Metrics m = programming(new Metrics(), r.programming())
                .put("trainAccuracy", ctx.accuracy(records))
                .put("finalLoss", r.finalLoss())
                .put("records", records.size())
                .put("classes", classes.size())
                .put("tiles", r.tiles())
                .put("cells", r.cells());
        return new Step(m, cost);
    }

    /** Write-verify statistics of a (re)programming pass. */
    static Metrics programming(Metrics m, ProgrammingResult p) {
        return m.put("programmingPulses", p.totalPulses())
                .put("setPulses", p.setPulses())
                .put("resetPulses", p.resetPulses())
                .put("verifyReads", p.verifyReads())
                .put("cellsProgrammed", p.cellsTargeted())
                .put("nonConvergedCells", p.nonConverged())
                .put("programmingRmsErrorMicroSiemens", p.rmsErrorMicroSiemens());
    }

    private static void detachBranchesNotInVersion(JobContext ctx) {
        for (BranchResult b : ctx.model().branches()) {
            if (ctx.component(b.spec().branchId()).isEmpty()) {
                ctx.model().detach(b.spec().branchId());
            }
        }
    }
}
