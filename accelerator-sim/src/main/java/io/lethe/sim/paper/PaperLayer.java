package io.lethe.sim.paper;

/**
 * One weight matrix of a paper architecture, as the analogue array sees it.
 *
 * @param name the layer's name in the authors' code
 * @param inputs crossbar rows
 * @param outputs crossbar columns
 * @param copies identical layers of this shape (e.g. one per block)
 * @param vectorsPerSample MVMs through the layer per sample (tokens, patches, or time steps)
 * @param adapted whether LoRA adapts it (and so whether the analogue-update baseline trains it)
 * @param copiesWithoutInputGradient copies whose input gradient training never needs, because no parameter before them
 *     trains (the first layer; with LoRA training, the layers below the lowest adapted one and layers whose gradient
 *     only reaches frozen ones, such as the DiT's adaLN): no transposed read through them, and no {@code du · Aᵀ}
 * @param sequential whether its vectors go through one call at a time (recurrence over windows), so every call
 *     reads its digital weights from SRAM again; otherwise all of a sample's vectors share one read
 */
public record PaperLayer(String name, int inputs, int outputs, int copies, long vectorsPerSample, boolean adapted,
                         int copiesWithoutInputGradient, boolean sequential) {

    /** SRAM reads of the layer's digital weights per sample (and per step in training). */
    public long callsPerSample() {
        return sequential ? vectorsPerSample : 1;
    }

    /** Weights of one copy. */
    public long weights() {
        return (long) inputs * outputs;
    }

    /** LoRA parameters of one copy at {@code rank}: A (inputs x rank) and B (rank x outputs). */
    public long loraParameters(int rank) {
        return adapted ? (long) rank * (inputs + outputs) : 0;
    }
}
