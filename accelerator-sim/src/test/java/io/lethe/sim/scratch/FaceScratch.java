package io.lethe.sim.scratch;

import io.lethe.api.samples.BundledSamples;
import io.lethe.sim.config.Presets;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.*;
import io.lethe.sim.workload.FaceTask;
import java.util.*;
import java.util.stream.*;

public class FaceScratch {
    public static void main(String[] a) {
        long t0 = System.currentTimeMillis();
        SampleSource src = SampleSource.of(BundledSamples::read, BundledSamples::file);
        FaceTask task = new FaceTask();
        List<Integer> base = IntStream.rangeClosed(1, 20).boxed().toList();
        List<Integer> fresh = IntStream.rangeClosed(21, 24).boxed().toList();
        List<Integer> train = IntStream.rangeClosed(1, 7).boxed().toList();
        List<Integer> test = IntStream.rangeClosed(8, 10).boxed().toList();
        var baseTrain = FaceTask.records(src, base, train);
        var baseTest = FaceTask.records(src, base, test);
        var newTrain = FaceTask.records(src, fresh, train);
        var newTest = FaceTask.records(src, fresh, test);
        SimModel m = SimModel.create(task, Presets.paper180nm());
        var classes = base.stream().map(s -> "s" + s).toList();
        var br = m.trainBackbone(new BackboneSpec(classes, 1, task.backboneHyperparameters()), baseTrain);
        System.out.printf("backbone loss %.3f pulses %.1f/cell nonconv %d rms %.3f tiles %d %dms%n", br.finalLoss(), br.programming().meanPulsesPerCell(), br.programming().nonConverged(), br.programming().rmsErrorMicroSiemens(), br.tiles(), br.wallMillis());
        System.out.printf("base test acc %.3f  train acc %.3f%n", m.evaluate(baseTest, 7).accuracy(), m.evaluate(baseTrain, 7).accuracy());
        var replay = new ArrayList<SimRecord>(newTrain);
        replay.addAll(baseTrain);
        var ar = m.adapt(BranchSpec.learn("adapt-1", 8, 11, task.branchHyperparameters(), fresh.stream().map(s -> "s" + s).toList()), replay);
        System.out.printf("adapt loss %.3f %dms bytes %d%n", ar.finalLoss(), ar.wallMillis(), ar.weights().sramBytes());
        System.out.printf("after adapt base %.3f new %.3f%n", m.evaluate(baseTest, 7).accuracy(), m.evaluate(newTest, 7).accuracy());
        // approximate forget s2
        var forgetIds = baseTrain.stream().filter(r -> r.label().equals("s2")).map(SimRecord::recordId).collect(Collectors.toSet());
        var mA = m.copy();
        var fr = mA.forget(ForgetRequest.approximate(forgetIds, "unlearn-1", 8, 21, new io.lethe.sim.nn.Hyperparameters(16, 0.01, 32, 16), BranchObjective.WEIGHTED_ASCENT));
        var retainTest = baseTest.stream().filter(r -> !r.label().equals("s2")).toList();
        var forgetTest = baseTest.stream().filter(r -> r.label().equals("s2")).toList();
        System.out.printf("APPROX %dms retain %.3f (before %.3f) forget %.3f (before %.3f) forgetTrain %.3f%n", fr.wallMillis(), mA.evaluate(retainTest, 7).accuracy(), m.evaluate(retainTest, 7).accuracy(), mA.evaluate(forgetTest, 7).accuracy(), m.evaluate(forgetTest, 7).accuracy(),
            mA.evaluate(baseTrain.stream().filter(r -> r.label().equals("s2")).toList(), 7).accuracy());
        var bl = m.analogueUpdateBaseline(fr.retrainedBranches().get(0).spec(), m.backboneSlice());
        System.out.printf("baseline %dms pulses train %d deploy %d ; E lora %.3e J baseline %.3e J%n", bl.wallMillis(), bl.trainingProgramming().totalPulses(), bl.deploymentProgramming().totalPulses(), fr.cost().energyJoules(m.config().costs()), bl.trainingCost().energyJoules(m.config().costs()));
        // exact forget s22
        var exIds = newTrain.stream().filter(r -> r.label().equals("s22")).map(SimRecord::recordId).collect(Collectors.toSet());
        var mE = m.copy();
        var fe = mE.forget(ForgetRequest.exact(exIds));
        var newRetain = newTest.stream().filter(r -> !r.label().equals("s22")).toList();
        var newForget = newTest.stream().filter(r -> r.label().equals("s22")).toList();
        System.out.printf("EXACT %dms base %.3f newRetain %.3f (before %.3f) forget %.3f (before %.3f)%n", fe.wallMillis(), mE.evaluate(baseTest, 7).accuracy(), mE.evaluate(newRetain, 7).accuracy(), m.evaluate(newRetain, 7).accuracy(), mE.evaluate(newForget, 7).accuracy(), m.evaluate(newForget, 7).accuracy());
        var mR = m.copy();
        var rb = mR.forget(ForgetRequest.rebase(forgetIds));
        System.out.printf("REBASE %dms pulses %d retain %.3f forget %.3f%n", rb.wallMillis(), rb.reprogramming().totalPulses(), mR.evaluate(retainTest, 7).accuracy(), mR.evaluate(forgetTest, 7).accuracy());
        System.out.println("total " + (System.currentTimeMillis() - t0) + " ms");
    }
}
