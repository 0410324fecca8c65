package io.lethe.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.digital.QuantizedTensor;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplayDeterminismTest {

    private final SmallFace face = new SmallFace();

    @Test
    void replayingABranchFromSeedSliceAndBackboneGivesTheSameInt8WeightsBitForBit() throws Exception {
        SimModel first = face.backbone();
        BranchResult original = first.adapt(SmallFace.adaptSpec(42), face.adaptSlice());

        List<SimRecord> shuffled = new ArrayList<>(face.adaptSlice());
        Collections.reverse(shuffled);
        SimModel second = face.backbone();
        BranchResult replay = second.adapt(SmallFace.adaptSpec(42), shuffled);

        assertThat(second.backboneDigest()).isEqualTo(first.backboneDigest());
        assertThat(replay.backboneDigest()).isEqualTo(original.backboneDigest());
        assertThat(replay.digest()).isEqualTo(original.digest());
        for (int i = 0; i < original.weights().tensors().size(); i++) {
            QuantizedTensor a = original.weights().tensors().get(i);
            QuantizedTensor b = replay.weights().tensors().get(i);
            assertThat(b.values()).isEqualTo(a.values());
            assertThat(b.scale()).isEqualTo(a.scale());
        }
        String recomputed = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(original.weights().canonicalBytes()));
        assertThat(original.digest()).isEqualTo(recomputed);
    }

    @Test
    void digestsDoNotDependOnHowManyNativeThreadsNd4jUses() {
        String singleThreaded = face.backbone().adapt(SmallFace.adaptSpec(42), face.adaptSlice()).digest();
        var ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        var env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
        try {
            env.setMaxThreads(2);
            env.setMaxMasterThreads(2);
            ops.setOmpNumThreads(2);
            String multiThreaded = face.backbone().adapt(SmallFace.adaptSpec(42), face.adaptSlice()).digest();
            assertThat(multiThreaded).isEqualTo(singleThreaded);
        } finally {
            env.setMaxThreads(1);
            env.setMaxMasterThreads(1);
            ops.setOmpNumThreads(1);
        }
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        SimModel m = face.backbone();
        String a = m.adapt(SmallFace.adaptSpec(42), face.adaptSlice()).digest();
        m.detach("adapt");
        String b = m.adapt(SmallFace.adaptSpec(43), face.adaptSlice()).digest();
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void exactForgetEqualsRetrainingFromScratchWithoutTheRecords() {
        SimModel model = face.backbone();
        model.adapt(SmallFace.adaptSpec(42), face.adaptSlice());
        Set<String> forget = face.newTrain.stream().filter(r -> r.label().equals("s6"))
                .map(SimRecord::recordId).collect(Collectors.toSet());

        ForgetResult result = model.forget(ForgetRequest.exact(forget));

        SimModel scratch = face.backbone();
        BranchResult reference = scratch.adapt(SmallFace.adaptSpec(42), SmallFace.without(face.adaptSlice(), "s6"));
        assertThat(result.retrainedBranches()).singleElement()
                .satisfies(b -> assertThat(b.digest()).isEqualTo(reference.digest()));
        assertThat(model.evaluate(face.newTest, 7).lossByRecord())
                .isEqualTo(scratch.evaluate(face.newTest, 7).lossByRecord());
    }
}
