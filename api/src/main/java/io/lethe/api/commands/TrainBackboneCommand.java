package io.lethe.api.commands;

import io.lethe.api.ids.ModelId;

/** {@code lethe.TrainBackbone}: learn into the analogue backbone (write-verify programming). */
public record TrainBackboneCommand(ModelId modelId, Selector selector, Long seed) implements ModelCommand {

    public TrainBackboneCommand {
        Require.present("modelId", modelId);
        Require.present("selector", selector).requireNarrowed();
        seed = seed == null ? 0L : seed;
    }
}
