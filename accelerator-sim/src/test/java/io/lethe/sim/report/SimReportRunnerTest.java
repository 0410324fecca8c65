package io.lethe.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.sim.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the whole face report once, with a three-a-side challenge score (the slowest test of the module, ~40-50 s). */
class SimReportRunnerTest {

    @Test
    void faceReportMeetsTheIssueTargetsAndCarriesTheContractFields() throws Exception {
        List<Integer> progress = new ArrayList<>();
        // With the challenge score from three unlearned and three retrained models (two buckets: ceil(ln 2) = 1).
        SimReport report = new SimReportRunner().run("face", TestData.bundled(), (label, done, total) -> progress.add(done),
                3);

        assertThat(progress).isSorted().contains(0);
        assertThat(report.doneWhen()).hasEntrySatisfying("EXACT forgotten accuracy <= chance", v -> assertThat(v).isTrue())
                .hasEntrySatisfying("APPROXIMATE forgotten accuracy <= chance", v -> assertThat(v).isTrue())
                .hasEntrySatisfying("EXACT retained accuracy within 1 point of original", v -> assertThat(v).isTrue())
                .hasEntrySatisfying("APPROXIMATE retained accuracy within 1 point of original", v -> assertThat(v).isTrue())
                .hasEntrySatisfying("EXACT MIA AUC within 0.05 of retrain reference", v -> assertThat(v).isTrue())
                .hasEntrySatisfying("EXACT MIA on at least 30 members and 30 non-members (enough for its interval)",
                        v -> assertThat(v).isTrue());
        assertThat(report.forgets().get(1).forgottenClass()).as("a group of ten subjects")
                .isEqualTo("s31,s32,s33,s34,s35,s36,s37,s38,s39,s40");
        assertThat(report.forgets()).extracting(ForgetOutcome::mode).containsExactly("APPROXIMATE", "EXACT", "REBASE");

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        for (String field : List.of("trainingCostRatio", "deploymentOverheadRatio", "inferenceEnergyRatio")) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("paper").get("trainingCostReduction").asDouble()).isEqualTo(147.76);
        assertThat(json.get("paper").get("deploymentOverheadReduction").asDouble()).isEqualTo(387.95);
        assertThat(json.get("paper").get("inferenceEnergyReduction").asDouble()).isEqualTo(48.44);
        assertThat(json.get("assumptionsFile").asText()).isEqualTo("presets/paper-180nm.properties");
        assertThat(json.get("forgets").get(0).has("miaAuc")).isTrue();
        assertThat(report.toText()).contains("147.76").contains("presets/paper-180nm.properties");

        CostFigures.Training training = report.costs().training();
        assertThat(training.samples()).as("both sides train on the unlearning job's records").isPositive();
        assertThat(training.baselineOptimiserEnergyJoules()).isPositive();
        assertThat(training.hybridOptimiserEnergyJoules()).isPositive();
        assertThat(training.trainableParameterRatio()).isGreaterThan(1);
        assertThat(report.costs().deployment().fullReprogramEnergyJoules())
                .isGreaterThan(report.costs().deployment().changedCellsEnergyJoules());
        assertThat(report.costs().inference().loraOverheadVsAnalogueOnly()).isGreaterThanOrEqualTo(1);
        assertThat(report.definitions()).containsKeys("trainingCostRatio", "deploymentOverheadRatio",
                "inferenceEnergyRatio", "loraOverheadVsAnalogueOnly");
        assertThat(report.forgets().get(1).mia().ciLow()).isLessThanOrEqualTo(report.forgets().get(1).miaAuc());

        ChallengeOutcome challenge = report.challenge();
        assertThat(challenge.models()).isEqualTo(3);
        assertThat(challenge.forgetRecords()).as("the APPROXIMATE forget's training records").isEqualTo(7);
        assertThat(challenge.forgetScore()).isBetween(0.0, 1.0);
        assertThat(challenge.oracleForgetScore()).isBetween(0.0, 1.0);
        assertThat(challenge.scoredUpTo()).isEqualTo(1.0);
        assertThat(challenge.finalScore()).isCloseTo(challenge.forgetScore() * challenge.retainAccuracyUnlearned()
                / challenge.retainAccuracyRetrained() * challenge.testAccuracyUnlearned()
                / challenge.testAccuracyRetrained(), within(1e-12));
        assertThat(json.get("challenge").get("forgetScore").isNumber()).isTrue();
        assertThat(report.toText()).contains("Unlearning challenge score of APPROXIMATE (3 unlearned vs 3 retrained");
    }
}
