package io.lethe.sim.paper;

import java.util.List;

/**
 * A paper workload's architecture and unlearning job, from the authors' code
 * ({@code MrLinNing/RMAdaptiveMachine}; see shared/research/paper-and-simulators.md §1), for operation counts.
 *
 * @param task face, speaker or image
 * @param model what the network is
 * @param layers its weight matrices (the layers left out are named in {@code omitted})
 * @param rank LoRA rank of the unlearning branch
 * @param trainingSamples records of the unlearning job (both sides)
 * @param epochs epochs of the unlearning job
 * @param batchSize mini-batch size
 * @param source where the shapes and hyperparameters come from, and which figures are assumptions
 * @param omitted parts of the model not counted on either side
 */
public record PaperArchitecture(String task, String model, List<PaperLayer> layers, int rank, int trainingSamples,
                                int epochs, int batchSize, String source, String omitted) {

    public PaperArchitecture {
        layers = List.copyOf(layers);
    }

    /** Optimiser steps of the unlearning job. */
    public long optimiserSteps() {
        return (long) epochs * ((trainingSamples + batchSize - 1) / batchSize);
    }

    /** Backbone weights the baseline trains (every adapted layer, every copy). */
    public long adaptedWeights() {
        return layers.stream().filter(PaperLayer::adapted).mapToLong(l -> l.weights() * l.copies()).sum();
    }

    /** LoRA parameters of the branch. */
    public long loraParameters() {
        return layers.stream().mapToLong(l -> l.loraParameters(rank) * l.copies()).sum();
    }

    /** Every weight in the listed layers. */
    public long weights() {
        return layers.stream().mapToLong(l -> l.weights() * l.copies()).sum();
    }
}
