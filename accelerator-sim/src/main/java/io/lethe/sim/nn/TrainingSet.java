package io.lethe.sim.nn;

import io.lethe.sim.random.SeededRandom;

/** Supplies the examples of each epoch; static sets return the same samples, denoising sets draw fresh noise. */
@FunctionalInterface
public interface TrainingSet {

    /** The examples for {@code epoch}, drawing any randomness from {@code rng}. */
    Samples epoch(int epoch, SeededRandom rng);

    /** A set that is the same every epoch. */
    static TrainingSet fixed(Samples samples) {
        return (epoch, rng) -> samples;
    }
}
