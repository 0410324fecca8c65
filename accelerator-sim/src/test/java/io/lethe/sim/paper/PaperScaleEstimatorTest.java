package io.lethe.sim.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.sim.config.Presets;
import org.junit.jupiter.api.Test;

class PaperScaleEstimatorTest {

    @Test
    void architecturesHaveTheParameterCountsOfTheAuthorsCode() {
        PaperArchitecture face = PaperArchitectures.face();
        PaperArchitecture speaker = PaperArchitectures.speaker();
        PaperArchitecture image = PaperArchitectures.image();

        assertThat(face.weights()).as("5,148 parameters less 100 RMSNorm gains").isEqualTo(5048);
        assertThat(face.adaptedWeights()).isEqualTo(2680);
        assertThat(face.loraParameters()).isEqualTo(1404);
        assertThat(speaker.adaptedWeights()).isEqualTo(333_824);
        assertThat(speaker.loraParameters()).isEqualTo(13_408);
        assertThat(image.adaptedWeights()).isEqualTo(12L * 2 * 768 * 3072);
        assertThat(image.loraParameters()).isEqualTo(368_640);
    }

    @Test
    void faceEstimateIsSeededAndItsOverheadIsNeverAReduction() {
        PaperScaleEstimator estimator = new PaperScaleEstimator(Presets.paper180nm());

        PaperScaleReport first = estimator.estimate("face");
        PaperScaleReport second = estimator.estimate("face");

        assertThat(first.deployment()).isEqualTo(second.deployment());
        assertThat(first.inference().loraOverheadVsAnalogueOnly()).isGreaterThanOrEqualTo(1);
        assertThat(first.deployment().fullReprogramRatio()).isGreaterThan(1);
        assertThat(first.trainableParameterRatio()).isCloseTo(2680.0 / 1404, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.toJson()).contains("\"energyRatioLowerBound\"");
    }
}
