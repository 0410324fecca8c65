package io.lethe.sim.nn;

import io.lethe.sim.SimConfigException;

/**
 * Training hyperparameters; part of what a branch's training is replayed from.
 *
 * @param epochs passes over the training set
 * @param learningRate Adam step size
 * @param batchSize mini-batch size (shuffled each epoch from the training seed)
 * @param loraAlpha LoRA scaling numerator: the branch contributes {@code (alpha/rank) B A x}
 */
public record Hyperparameters(int epochs, double learningRate, int batchSize, double loraAlpha) {

    public Hyperparameters {
        SimConfigException.requirePositive("epochs", epochs);
        SimConfigException.requirePositive("learningRate", learningRate);
        SimConfigException.requirePositive("batchSize", batchSize);
        SimConfigException.requirePositive("loraAlpha", loraAlpha);
    }

    /** Canonical text, hashed into replay records. */
    public String canonical() {
        return "epochs=" + epochs + ";lr=" + Double.toString(learningRate) + ";batch=" + batchSize
                + ";alpha=" + Double.toString(loraAlpha);
    }

    public Hyperparameters withEpochs(int e) {
        return new Hyperparameters(e, learningRate, batchSize, loraAlpha);
    }
}
