package io.lethe.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.samples.BundledSamples;
import io.lethe.sim.config.Presets;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.snapshot.SnapshotFormatException;
import io.lethe.sim.workload.FaceTask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A restored model continues exactly as the original would have: same digests, same SRAM contents. */
class SimModelSnapshotTest {

    private static final SampleSource SOURCE = SampleSource.of(BundledSamples::read, BundledSamples::file);
    private static final FaceTask TASK = new FaceTask();
    private static final SimConfig CONFIG = Presets.paper180nm();
    private static final Hyperparameters FAST_BACKBONE = new Hyperparameters(5, 0.003, 32, 16);
    private static final Hyperparameters FAST_BRANCH = new Hyperparameters(5, 0.01, 32, 16);
    private static final Map<String, SimRecord> RECORDS = new HashMap<>();
    private static SimModel original;

    @BeforeAll
    static void trainBackboneAndOneBranch() {
        List<SimRecord> backbone = FaceTask.records(SOURCE, List.of(1, 2, 3), List.of(1, 2, 3, 4));
        List<SimRecord> slice = FaceTask.records(SOURCE, List.of(4), List.of(1, 2, 3, 4));
        backbone.forEach(r -> RECORDS.put(r.recordId(), r));
        slice.forEach(r -> RECORDS.put(r.recordId(), r));
        original = SimModel.create(TASK, CONFIG);
        original.trainBackbone(new BackboneSpec(List.of("s1", "s2", "s3"), 7, FAST_BACKBONE), backbone);
        original.trainBranch(BranchSpec.learn("b1", 4, 11, FAST_BRANCH, List.of("s4")), slice);
    }

    @Test
    void restoredModelWritesTheSameBytes() {
        byte[] bytes = SimModelSnapshot.write(original);
        SimModel restored = SimModelSnapshot.restore(bytes, TASK, CONFIG, RECORDS::get);

        assertThat(SimModelSnapshot.write(restored)).isEqualTo(bytes);
        assertThat(restored.backboneDigest()).isEqualTo(original.backboneDigest());
        assertThat(restored.sram().residentBranches()).containsExactly("b1");
        assertThat(SimModelSnapshot.recordIds(bytes)).hasSize(16).containsAll(RECORDS.keySet());
    }

    @Test
    void restoredModelTrainsAndForgetsBitForBitLikeTheOriginal() {
        SimModel restored = SimModelSnapshot.restore(SimModelSnapshot.write(original), TASK, CONFIG, RECORDS::get);
        SimModel copy = original.copy();
        List<SimRecord> next = FaceTask.records(SOURCE, List.of(5), List.of(1, 2, 3, 4));

        String fromCopy = copy.trainBranch(BranchSpec.learn("b2", 4, 12, FAST_BRANCH, List.of("s5")), next).digest();
        String fromRestored = restored.trainBranch(BranchSpec.learn("b2", 4, 12, FAST_BRANCH, List.of("s5")), next)
                .digest();
        assertThat(fromRestored).isEqualTo(fromCopy);

        Set<String> forget = Set.of("orl:s4/2.pgm");
        List<String> a = copy.forget(ForgetRequest.exact(forget)).retrainedBranches().stream()
                .map(BranchResult::digest).toList();
        List<String> b = restored.forget(ForgetRequest.exact(forget)).retrainedBranches().stream()
                .map(BranchResult::digest).toList();
        assertThat(b).hasSize(1).isEqualTo(a); // only b1 held the record; independent b2 stays bit for bit
        assertThat(restored.evaluate(next, 3).accuracy()).isEqualTo(copy.evaluate(next, 3).accuracy());
    }

    @Test
    void unavailableRecordsAreLeftOutOfTheRestoredSlices() {
        SimModel restored = SimModelSnapshot.restore(SimModelSnapshot.write(original), TASK, CONFIG,
                id -> id.startsWith("orl:s4/") ? null : RECORDS.get(id));

        assertThat(restored.deployed().get("b1").slice()).isEmpty();
        assertThat(restored.backboneSlice()).hasSize(12);
    }

    @Test
    void rejectsBytesThatAreNotASnapshotOfThisTask() {
        byte[] bytes = SimModelSnapshot.write(original);
        assertThatThrownBy(() -> SimModelSnapshot.restore(new byte[] {1, 2, 3}, TASK, CONFIG, RECORDS::get))
                .isInstanceOf(SnapshotFormatException.class);
        assertThatThrownBy(() -> SimModelSnapshot.restore(java.util.Arrays.copyOf(bytes, bytes.length - 9), TASK,
                CONFIG, RECORDS::get)).isInstanceOf(SnapshotFormatException.class);
    }
}
