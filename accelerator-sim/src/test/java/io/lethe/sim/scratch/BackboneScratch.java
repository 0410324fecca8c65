package io.lethe.sim.scratch;

import io.lethe.api.samples.BundledSamples;
import io.lethe.sim.config.Presets;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.model.*;
import io.lethe.sim.workload.FaceTask;
import java.util.stream.*;

public class BackboneScratch {
    public static void main(String[] a) {
        if (a.length > 0) { org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1); org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1); org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1); }
        SampleSource src = SampleSource.of(BundledSamples::read, BundledSamples::file);
        FaceTask task = new FaceTask();
        var base = IntStream.rangeClosed(1, 20).boxed().toList();
        long t = System.currentTimeMillis();
        var baseTrain = FaceTask.records(src, base, IntStream.rangeClosed(1, 7).boxed().toList());
        System.out.println("load " + (System.currentTimeMillis() - t));
        SimModel m = SimModel.create(task, Presets.paper180nm());
        var br = m.trainBackbone(new BackboneSpec(base.stream().map(s -> "s" + s).toList(), 1, task.backboneHyperparameters()), baseTrain);
        System.out.println("backbone " + br.wallMillis() + " " + br.programming());
    }
}
