package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.nn.HybridNetwork;
import io.lethe.sim.nn.Trainer;
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
        HybridNetwork erasedChip = originalChip.copy();
        CostLedger deployment = new CostLedger();
        ProgrammingResult deploy = ProgrammingResult.none();
        SeededRandom rng = SeededRandom.derive(spec.seed(), "baseline-deployment");
        for (int i = 0; i < originalChip.layers().size(); i++) {
            deploy = deploy.plus(originalChip.layers().get(i).crossbar()
                    .update(model.network().layers().get(i).weight(), rng, deployment));
        }
        CostLedger full = new CostLedger();
        ProgrammingResult fullDeploy = ProgrammingResult.none();
        SeededRandom fullRng = SeededRandom.derive(spec.seed(), "baseline-full-reprogram");
        for (int i = 0; i < erasedChip.layers().size(); i++) {
            fullDeploy = fullDeploy.plus(erasedChip.layers().get(i).crossbar()
                    .reprogramFromReset(model.network().layers().get(i).weight(), fullRng, full));
        }
        return new BaselineResult(training, during, deployment, deploy, full, fullDeploy,
                Trainer.parameterCount(model.network().backboneParameters()), System.currentTimeMillis() - start);
    }
}
