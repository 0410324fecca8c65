package io.lethe.sim.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.sim.TestData;
import io.lethe.sim.config.Presets;
import io.lethe.sim.nn.Hyperparameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image run end to end at a tiny size: the report's shape, and that forgetting moves the style metric. */
class DitImageRunTest {

    static DitImageRun.Settings tiny() {
        return new DitImageRun.Settings(1, 16, 32, 40, 20, 50, new Hyperparameters(25, 0.01, 32, 8),
                new Hyperparameters(6, 0.01, 32, 8), new Hyperparameters(3, 0.01, 32, 8), 20, 5);
    }

    @Test
    void tinyRunForgetsTheStyleAndReportsTheThreeRatios() throws Exception {
        OnChipReport r = new DitImageRun(Presets.paper180nm(), tiny()).run(TestData.bundled());

        DitGeneration g = r.generation();
        assertThat(g.forgottenBefore()).as("the backbone draws bold when asked").isGreaterThan(0.5);
        assertThat(g.forgottenAfter()).as("the unlearning branch stops it").isLessThan(g.forgottenBefore() - 0.2);
        assertThat(r.quality().forgottenAfter()).isEqualTo(g.forgottenAfter());
        assertThat(r.training().trainableParameterRatio()).isGreaterThan(1);
        assertThat(r.training().samples()).isEqualTo(4 * 40);
        assertThat(r.deployment().fullReprogramEnergyJoules())
                .isGreaterThan(r.deployment().changedCellsEnergyJoules());
        assertThat(r.inference().loraOverheadVsAnalogueOnly()).isGreaterThanOrEqualTo(1);
        assertThat(r.quality().mia().members()).isEqualTo(40);
        assertThat(r.quality().mia().nonMembers()).isEqualTo(20);

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        for (String field : List.of("training", "deployment", "inference", "quality", "definitions", "paper",
                "generation", "settings")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("definitions").has("trainingCostRatio")).isTrue();
        assertThat(json.get("task").asText()).isEqualTo("image");
        assertThat(r.toText()).contains("forgotten style bold").contains("EXACT").contains("training cost");
    }
}
