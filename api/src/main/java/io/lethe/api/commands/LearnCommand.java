package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.ids.ModelId;

/** {@code lethe.Learn}: learn into LoRA branches, one per slice of the selected records. */
public record LearnCommand(ModelId modelId, Selector selector, Integer slices, Integer rank, Long seed)
        implements ModelCommand {

    public static final int MAX_SLICES = 64;
    public static final int MIN_RANK = 1;
    public static final int MAX_RANK = 64;
    public static final int DEFAULT_RANK = 8;

    public LearnCommand {
        Require.present("modelId", modelId);
        Require.present("selector", selector).requireNarrowed();
        slices = Require.range("slices", slices == null ? 1 : slices, 1, MAX_SLICES, ErrorCode.INVALID_FIELD);
        rank = Require.range("rank", rank == null ? DEFAULT_RANK : rank, MIN_RANK, MAX_RANK,
                ErrorCode.RANK_OUT_OF_RANGE);
        seed = seed == null ? 0L : seed;
    }
}
