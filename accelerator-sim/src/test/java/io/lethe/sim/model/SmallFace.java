package io.lethe.sim.model;

import io.lethe.sim.TestData;
import io.lethe.sim.config.Presets;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.workload.FaceTask;
import java.util.List;
import java.util.stream.Stream;

/** A tiny face setting for fast unit tests: s1..s4 in the backbone, s5..s6 adapted. */
final class SmallFace {

    static final Hyperparameters BACKBONE_HP = new Hyperparameters(25, 0.01, 16, 16);
    static final Hyperparameters BRANCH_HP = new Hyperparameters(20, 0.02, 16, 16);
    static final List<String> BASE = List.of("s1", "s2", "s3", "s4");
    static final List<String> NEW = List.of("s5", "s6");

    final List<SimRecord> baseTrain = FaceTask.records(TestData.bundled(), List.of(1, 2, 3, 4), List.of(1, 2, 3, 4, 5, 6));
    final List<SimRecord> newTrain = FaceTask.records(TestData.bundled(), List.of(5, 6), List.of(1, 2, 3, 4, 5, 6));
    final List<SimRecord> newTest = FaceTask.records(TestData.bundled(), List.of(5, 6), List.of(8, 9, 10));
    final List<SimRecord> baseTest = FaceTask.records(TestData.bundled(), List.of(1, 2, 3, 4), List.of(8, 9, 10));

    SimModel backbone() {
        SimModel m = SimModel.create(new FaceTask(), Presets.paper180nm());
        m.trainBackbone(new BackboneSpec(BASE, 1, BACKBONE_HP), baseTrain);
        return m;
    }

    List<SimRecord> adaptSlice() {
        return Stream.concat(newTrain.stream(), baseTrain.stream()).toList();
    }

    static BranchSpec adaptSpec(long seed) {
        return BranchSpec.learn("adapt", 4, seed, BRANCH_HP, NEW);
    }

    static List<SimRecord> without(List<SimRecord> records, String label) {
        return records.stream().filter(r -> !r.label().equals(label)).toList();
    }
}
