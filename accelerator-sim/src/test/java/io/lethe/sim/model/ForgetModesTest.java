package io.lethe.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ForgetModesTest {

    private final SmallFace face = new SmallFace();

    private Set<String> ids(List<SimRecord> records, String label) {
        return records.stream().filter(r -> r.label().equals(label)).map(SimRecord::recordId)
                .collect(Collectors.toSet());
    }

    private List<SimRecord> only(List<SimRecord> records, String label) {
        return records.stream().filter(r -> r.label().equals(label)).toList();
    }

    @Test
    void adaptGrowsTheOutputDigitallyAndLearnsTheNewSubjects() {
        SimModel model = face.backbone();
        assertThat(model.evaluate(face.newTest, 7).accuracy()).isZero();
        BranchResult adapt = model.adapt(SmallFace.adaptSpec(42), face.adaptSlice());
        assertThat(model.classes()).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(model.evaluate(face.newTest, 7).accuracy()).isGreaterThan(0.6);
        assertThat(model.sram().usedBytes()).isEqualTo(adapt.weights().sramBytes());
    }

    @Test
    void exactForgetRetrainsOnlyTheBranchHoldingTheRecordsAndZeroisesTheOldOne() {
        SimModel model = face.backbone();
        model.adapt(SmallFace.adaptSpec(42), face.adaptSlice());
        long writtenBefore = model.sram().bytesWritten();

        ForgetResult r = model.forget(ForgetRequest.exact(ids(face.newTrain, "s6")));

        assertThat(r.retrainedBranches()).extracting(b -> b.spec().branchId()).containsExactly("adapt");
        assertThat(r.retrainedBranches().get(0).sliceRecordIds()).noneMatch(id -> id.contains("s6/"));
        assertThat(model.sram().bytesZeroised()).isPositive();
        assertThat(model.sram().bytesWritten()).isGreaterThan(writtenBefore);
        assertThat(r.reprogramming().totalPulses()).isZero();
        assertThat(model.evaluate(only(face.newTest, "s6"), 7).accuracy()).isZero();
    }

    @Test
    void exactForgetLeavesOtherLearningBranchesBitForBit() {
        SimModel model = face.backbone();
        BranchResult s5 = model.adapt(BranchSpec.learn("b5", 4, 1, SmallFace.BRANCH_HP, List.of("s5")),
                only(face.newTrain, "s5"));
        model.adapt(BranchSpec.learn("b6", 4, 2, SmallFace.BRANCH_HP, List.of("s6")), only(face.newTrain, "s6"));

        ForgetResult r = model.forget(ForgetRequest.exact(ids(face.newTrain, "s6")));

        assertThat(r.retrainedBranches()).as("b6 held only s6, so it is zeroised, not retrained").isEmpty();
        assertThat(model.sram().isResident("b6")).isFalse();
        assertThat(model.classes()).doesNotContain("s6");
        assertThat(model.branches()).singleElement().satisfies(b -> assertThat(b.digest()).isEqualTo(s5.digest()));
    }

    @Test
    void exactForgetOfBackboneRecordsIsRefused() {
        SimModel model = face.backbone();
        assertThatThrownBy(() -> model.forget(ForgetRequest.exact(ids(face.baseTrain, "s2"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REBASE");
    }

    /*
     * RANDOM_RELABEL here: this tiny backbone fits its 24 images to a loss of ~1e-13, where the gradient of
     * weighted ascent vanishes below Adam's epsilon (a known weakness of ascent on saturated models; the
     * face report's larger backbone is not saturated and uses the paper's -0.5 weighting).
     */
    @Test
    void approximateForgetSuppressesTheSubjectWithAnUnlearningBranch() {
        SimModel model = face.backbone();
        String backbone = model.backboneDigest();
        ForgetResult r = model.forget(ForgetRequest.approximate(ids(face.baseTrain, "s2"), "unlearn", 4, 5,
                new Hyperparameters(20, 0.02, 512, 8), BranchObjective.RANDOM_RELABEL));

        assertThat(model.backboneDigest()).isEqualTo(backbone);
        assertThat(r.retrainedBranches()).extracting(b -> b.spec().branchId()).containsExactly("unlearn");
        assertThat(model.evaluate(only(face.baseTrain, "s2"), 7).accuracy()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void rebaseReprogramsTheBackboneAndRetrainsBranches() {
        SimModel model = face.backbone();
        model.adapt(SmallFace.adaptSpec(42), face.adaptSlice());
        String before = model.backboneDigest();

        ForgetResult r = model.forget(ForgetRequest.rebase(ids(face.baseTrain, "s2")));

        assertThat(model.backboneDigest()).isNotEqualTo(before);
        assertThat(model.backboneSlice()).noneMatch(x -> x.label().equals("s2"));
        assertThat(r.reprogramming().totalPulses()).isPositive();
        assertThat(r.retrainedBranches()).extracting(b -> b.spec().branchId()).containsExactly("adapt");
        assertThat(model.evaluate(only(face.baseTest, "s2"), 7).accuracy()).isLessThanOrEqualTo(1.0 / 6);
    }

    @Test
    void swapCountsSramWrites() {
        SimModel model = face.backbone();
        BranchResult a = model.adapt(SmallFace.adaptSpec(42), face.adaptSlice());
        SimModel other = face.backbone();
        BranchResult b = other.adapt(SmallFace.adaptSpec(43), face.adaptSlice());

        long written = model.swap("adapt", b, face.adaptSlice());

        assertThat(written).isEqualTo(a.weights().sramImage().length + b.weights().sramImage().length);
        assertThat(model.branches()).extracting(BranchResult::digest).containsExactly(b.digest());
    }
}
