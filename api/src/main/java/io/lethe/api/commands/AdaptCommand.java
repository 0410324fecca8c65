package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.ids.ModelId;

/** {@code lethe.Adapt}: continual learning, a new branch for new data or classes. */
public record AdaptCommand(ModelId modelId, Selector selector, Integer rank, Long seed) implements ModelCommand {

    public AdaptCommand {
        Require.present("modelId", modelId);
        Require.present("selector", selector).requireNarrowed();
        rank = Require.range("rank", rank == null ? LearnCommand.DEFAULT_RANK : rank, LearnCommand.MIN_RANK,
                LearnCommand.MAX_RANK, ErrorCode.RANK_OUT_OF_RANGE);
        seed = seed == null ? 0L : seed;
    }
}
