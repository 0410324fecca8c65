package io.lethe.sim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.TestData;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.digital.DigitalConfig;
import io.lethe.sim.model.BackboneSpec;
import io.lethe.sim.model.BranchSpec;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.report.SimReportRunner;
import io.lethe.sim.workload.FaceTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private static final Hyperparameters HP = new Hyperparameters(1, 0.01, 16, 4);

    @Test
    void paperPresetLoadsWithItsAssumptionsFile() {
        SimConfig config = Presets.paper180nm();
        assertThat(config.device().tileRows()).isEqualTo(128);
        assertThat(config.device().gZero()).isEqualTo(50.0);
        assertThat(config.costs().resourceName()).isEqualTo("presets/paper-180nm.properties");
        for (var op : io.lethe.sim.cost.Operation.values()) {
            assertThat(config.costs().entry(op).source()).isNotBlank();
        }
    }

    @Test
    void unknownPresetNamesThePresetField() {
        assertThatThrownBy(() -> Presets.load("paper-7nm"))
                .isInstanceOfSatisfying(SimConfigException.class, e -> assertThat(e.field()).isEqualTo("preset"));
    }

    @Test
    void zeroTileSizeNamesTheTileField() {
        assertThatThrownBy(() -> Presets.paper180nm().device().withTile(0, 128))
                .isInstanceOfSatisfying(SimConfigException.class, e -> assertThat(e.field()).isEqualTo("tileRows"));
        assertThatThrownBy(() -> Presets.paper180nm().device().withTile(128, 0))
                .isInstanceOfSatisfying(SimConfigException.class, e -> assertThat(e.field()).isEqualTo("tileCols"));
    }

    @Test
    void nonPositiveRankNamesTheRankField() {
        for (int rank : new int[] {0, -3}) {
            assertThatThrownBy(() -> BranchSpec.learn("b", rank, 1, HP, List.of()))
                    .isInstanceOfSatisfying(SimConfigException.class, e -> assertThat(e.field()).isEqualTo("rank"));
        }
    }

    @Test
    void branchLargerThanSramIsRejectedBeforeTrainingNamingTheCapacityField() {
        SimConfig tinySram = Presets.paper180nm().withDigital(new DigitalConfig(1024, 8));
        SimModel model = SimModel.create(new FaceTask(), tinySram);
        List<SimRecord> records = FaceTask.records(TestData.bundled(), List.of(1, 2), List.of(1, 2));
        model.trainBackbone(new BackboneSpec(List.of("s1", "s2"), 1, HP), records);
        assertThatThrownBy(() -> model.trainBranch(BranchSpec.learn("big", 8, 1, HP, List.of()), records))
                .isInstanceOfSatisfying(SimConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("sramCapacityBytes"));
    }

    @Test
    void unknownTaskNamesTheTaskField() {
        assertThatThrownBy(() -> new SimReportRunner().run("weather", TestData.bundled(),
                io.lethe.sim.report.ProgressListener.NONE))
                .isInstanceOfSatisfying(SimConfigException.class, e -> assertThat(e.field()).isEqualTo("task"));
    }
}
