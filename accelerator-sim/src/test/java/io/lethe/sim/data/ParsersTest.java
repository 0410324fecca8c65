package io.lethe.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.sim.TestData;
import org.junit.jupiter.api.Test;

class ParsersTest {

    private final SampleSource source = TestData.bundled();

    @Test
    void parsesOrlPgm() {
        PgmImage img = PgmImage.parse(source.require("orl:s1/1.pgm"));
        assertThat(img.width()).isEqualTo(23);
        assertThat(img.height()).isEqualTo(28);
        double[] small = img.resized(16, 16);
        assertThat(small).hasSize(256);
        assertThat(java.util.Arrays.stream(small).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @Test
    void parsesFsddWavAndComputes140Features() {
        WavPcm16 wav = WavPcm16.parse(source.require("fsdd:0_george_0.wav"));
        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.samples().length).isGreaterThan(1000);
        double[] f = LogMelFeatures.of(wav);
        assertThat(f).hasSize(140);
        assertThat(java.util.Arrays.stream(f).boxed().toList()).allSatisfy(v -> assertThat(v).isFinite());
    }

    @Test
    void parsesOptdigitsRowsAndFiles() {
        OptdigitsCsv.Row row = OptdigitsCsv.parseRow(source.require("optdigits:tra/0"));
        assertThat(row.pixels()).hasSize(64);
        assertThat(row.digit()).isBetween(0, 9);
        assertThat(OptdigitsCsv.dataLines(source.file("optdigits/optdigits.tra").orElseThrow())).hasSize(3823);
    }

    @Test
    void rejectsPayloadsOfTheWrongFormat() {
        assertThatThrownBy(() -> PgmImage.parse("P2 1 1 255 0".getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WavPcm16.parse(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }
}
