package io.lethe.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code lethe_pipeline_stage_seconds{stage}}: where a command's time goes on the command side (parse, claim,
 * open and seal, vault, Axon, append, commit, reply, publish). Recorded per batch, not per command: the sum
 * divided by the commands answered is the time each command costs in that stage, which is what
 * {@code lethe bench} reports. The query side records its stages ({@code project.*}) under the same name.
 */
public final class PipelineStages {

    /** The meter's name; {@code stage} is its one tag. */
    public static final String METER = "lethe.pipeline.stage";

    private PipelineStages() {
    }

    /** The timer of one stage, registered on first use. */
    public static Timer timer(MeterRegistry registry, String stage) {
        return Timer.builder(METER)
                .description("Time spent in one stage of the command pipeline, recorded per batch")
                .tag("stage", stage)
                .register(registry);
    }
}
