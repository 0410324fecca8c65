package io.lethe.sim.scratch;

import io.lethe.api.samples.BundledSamples;
import io.lethe.sim.config.Presets;
import io.lethe.sim.data.*;
import io.lethe.sim.model.*;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.report.*;
import java.util.*;
import java.util.stream.*;

public class SweepScratch {
    public static void main(String[] a) throws Exception {
        SampleSource src = SampleSource.of(BundledSamples::read, BundledSamples::file);
        var m0 = Plans.class.getDeclaredMethod("forTask", String.class, SampleSource.class);
        WorkloadPlan p = (WorkloadPlan) m0.invoke(null, a[0], src);
        SimModel m = SimModel.create(p.task(), Presets.paper180nm());
        m.trainBackbone(new BackboneSpec(p.baseClasses(), 1, p.task().backboneHyperparameters()), p.baseTrain());
        var slice = Stream.concat(p.newTrain().stream(), p.baseTrain().stream()).toList();
        m.adapt(BranchSpec.learn("adapt-1", p.adaptRank(), 11, p.task().branchHyperparameters(), p.newClasses()), slice);
        var allTest = Stream.concat(p.baseTest().stream(), p.newTest().stream()).toList();
        var retained = allTest.stream().filter(r -> !r.label().equals(p.baseForgetClass())).toList();
        var forg = allTest.stream().filter(r -> r.label().equals(p.baseForgetClass())).toList();
        var ids = p.baseTrain().stream().filter(r -> r.label().equals(p.baseForgetClass())).map(SimRecord::recordId).collect(Collectors.toSet());
        System.out.printf("before retained %.3f forgotten %.3f%n", m.evaluate(retained, 7).accuracy(), m.evaluate(forg, 7).accuracy());
        for (int i = 1; i + 4 <= a.length; i += 4) {
            var hp = new Hyperparameters(Integer.parseInt(a[i]), Double.parseDouble(a[i+1]), Integer.parseInt(a[i+2]), Double.parseDouble(a[i+3]));
            var c = m.copy();
            long t = System.currentTimeMillis();
            c.forget(ForgetRequest.approximate(ids, "u", p.unlearnRank(), 21, hp, p.approximateObjective()));
            System.out.printf("%s: retained %.3f forgotten %.3f  %dms%n", hp.canonical(), c.evaluate(retained, 7).accuracy(), c.evaluate(forg, 7).accuracy(), System.currentTimeMillis() - t);
        }
    }
}
