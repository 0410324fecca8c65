package io.lethe.sim;

import io.lethe.samples.BundledSamples;
import io.lethe.sim.data.SampleSource;

/** The bundled real data, supplied to the simulator the way the app module will. */
public final class TestData {

    private TestData() {
    }

    public static SampleSource bundled() {
        return SampleSource.of(BundledSamples::read, BundledSamples::file);
    }
}
