package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.HybridNetwork;
import io.lethe.sim.nn.TrainingSet;
import io.lethe.sim.random.SeededRandom;
import java.util.List;

/** Runs the analogue-update baseline ({@link BaselineResult}) on a private copy of a model. */
final class AnalogueUpdateBaseline {

    private final SimModel model;

    AnalogueUpdateBaseline(SimModel privateCopy) {
        this.model = privateCopy;
    }

    BaselineResult run(BranchSpec spec, List<SimRecord> slice) {
        if (!spec.newClasses().isEmpty()) {
            throw new SimConfigException("newClasses", "the analogue-update baseline covers jobs without new classes");
        }
        long start = System.currentTimeMillis();
        HybridNetwork originalChip = model.network().copy();
        TrainingSet ts = model.sets().build(slice, model.classes(), model.normalizer(), spec.objective(),
                spec.forgetRecordIds(), spec.seed());
        CostLedger training = new CostLedger();
        ProgrammingResult during = model.trainer().trainBackboneInSitu(model.network(), model.deployedBranches(), ts,
                spec.hyperparameters(), spec.seed(), training);
        CostLedger deployment = new CostLedger();
        ProgrammingResult deploy = ProgrammingResult.none();
        SeededRandom rng = SeededRandom.derive(spec.seed(), "baseline-deployment");
        for (int i = 0; i < originalChip.layers().size(); i++) {
            deploy = deploy.plus(originalChip.layers().get(i).crossbar()
                    .update(model.network().layers().get(i).weight(), rng, deployment));
        }
        return new BaselineResult(training, during, deployment, deploy, System.currentTimeMillis() - start);
    }
}
