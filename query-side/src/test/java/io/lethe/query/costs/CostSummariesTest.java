package io.lethe.query.costs;

import io.lethe.api.views.CostView;
import io.lethe.api.views.ModelView;
import io.lethe.api.views.VersionView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cost maps as the worker writes them become categories and backbone-vs-branch ratios. */
class CostSummariesTest {

    private static final ModelView MODEL = new ModelView("face-1", "face", "paper-180nm", 3, Instant.EPOCH, List.of());

    @Test
    void operationsAreSummedIntoCategories() {
        CostView.VersionCost cost = CostSummaries.version(backbone(), 3);

        assertThat(cost.energyByCategory()).containsEntry("analogueProgramming", 6e-6)
                .containsEntry("host", 1e-4).containsEntry("digitalCompute", 0.0);
        assertThat(cost.programmingPulses()).isEqualTo(300);
        assertThat(cost.deployed()).isFalse();
    }

    @Test
    void ratiosDivideTheBackboneByTheMeanBranchVersion() {
        CostView.ModelCost cost = CostSummaries.of(MODEL, List.of(backbone(), branch(2, "LEARN", null, 2e-6),
                branch(3, "FORGET", "EXACT", 4e-6)));

        assertThat(cost.versions()).hasSize(3);
        assertThat(cost.versions().get(2).deployed()).isTrue();
        assertThat(cost.savings().branchVersions()).isEqualTo(2);
        assertThat(cost.savings().trainingEnergyRatio()).isCloseTo(1.06e-4 / 3e-6, within(1e-6));
        assertThat(cost.savings().programmingEnergyRatio()).isCloseTo(6e-6 / 3e-7, within(1e-6));
        assertThat(cost.savings().latencyRatio()).isCloseTo(2.0 / 0.1, within(1e-9));
    }

    @Test
    void aRebaseIsNoBranchVersionAndWithoutBranchesThereAreNoRatios() {
        CostView.ModelCost cost = CostSummaries.of(MODEL, List.of(backbone(), branch(2, "FORGET", "REBASE", 1e-4)));

        assertThat(cost.savings()).isNull();
    }

    @Test
    void versionsWithoutACostAreLeftOut() {
        VersionView pending = view(2, "LEARN", null, null);

        assertThat(CostSummaries.of(MODEL, List.of(backbone(), pending)).versions()).hasSize(1);
    }

    private static VersionView backbone() {
        return view(1, "TRAIN_BACKBONE", null, Map.of("energyJoules", 1.06e-4, "latencySeconds", 2.0,
                "SET_PULSE.count", 200.0, "RESET_PULSE.count", 100.0, "SET_PULSE.energyJoules", 4e-6,
                "RESET_PULSE.energyJoules", 2e-6, "HOST_FP32_MAC.energyJoules", 1e-4));
    }

    private static VersionView branch(int version, String cause, String guarantee, double joules) {
        return view(version, cause, guarantee, Map.of("energyJoules", joules, "latencySeconds", 0.1,
                "SRAM_WRITE_BYTE.count", 64.0, "SRAM_WRITE_BYTE.energyJoules", 3e-7,
                "DIGITAL_MAC.energyJoules", joules - 3e-7));
    }

    private static VersionView view(int version, String cause, String guarantee, Map<String, Double> cost) {
        return new VersionView(version, "d", "r", 10, null, List.of(), Instant.EPOCH, null, "COMPLETED", cause,
                version - 1, guarantee, Map.of(), cost, null);
    }
}
