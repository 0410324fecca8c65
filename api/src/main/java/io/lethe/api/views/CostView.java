package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/costs}: what the accelerator simulator charged for each model version's job, in joules and
 * seconds, grouped so a dashboard can chart where the energy went.
 *
 * @param models per model, its versions' costs and the ratios the ledger's own figures allow
 */
public record CostView(List<ModelCost> models) {

    /** Energy categories, each a sum over the simulator's priced operations. */
    public static final List<String> CATEGORIES = List.of("analogueProgramming", "analogueCompute",
            "digitalCompute", "sram", "host");

    public CostView {
        models = List.copyOf(models);
    }

    /**
     * One model's versions and its ratios.
     *
     * @param savings ratios computed from this model's versions (absent when the needed versions do not exist)
     */
    public record ModelCost(String modelId, String task, String preset, Integer deployedVersion,
                            List<VersionCost> versions, Savings savings) {

        public ModelCost {
            versions = List.copyOf(versions);
        }
    }

    /**
     * One version's job cost.
     *
     * @param energyJoules       total energy of the job
     * @param latencySeconds     serial latency of the job
     * @param energyByCategory   joules per entry of {@link #CATEGORIES}
     * @param programmingPulses  SET and RESET write-verify pulses into the analogue tiles
     * @param sramBytesWritten   bytes written to the LoRA SRAM buffer
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionCost(int version, String cause, String guarantee, boolean deployed, double energyJoules,
                              double latencySeconds, Map<String, Double> energyByCategory, long programmingPulses,
                              long sramBytesWritten) {
    }

    /**
     * Ratios of the backbone version (trained into the analogue tiles by write-verify, as the analogue-update
     * baseline does for every update) to the mean LoRA-branch version (LEARN, ADAPT, EXACT or APPROXIMATE forget).
     * Each ratio is backbone / branch, so above 1 means the LoRA path is cheaper.
     *
     * @param trainingEnergyRatio    whole-job energy
     * @param programmingEnergyRatio write energy: analogue write-verify of the backbone vs. SRAM writes of a branch
     * @param latencyRatio           whole-job serial latency
     * @param branchVersions         how many branch versions the mean is over
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Savings(Double trainingEnergyRatio, Double programmingEnergyRatio, Double latencyRatio,
                          int branchVersions) {
    }
}
