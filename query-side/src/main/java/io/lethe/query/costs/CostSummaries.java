package io.lethe.query.costs;

import io.lethe.api.views.CostView;
import io.lethe.api.views.ModelView;
import io.lethe.api.views.VersionView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Turns the simulator's per-job cost maps (written by the worker: {@code energyJoules}, {@code latencySeconds} and
 * {@code <OPERATION>.count} / {@code <OPERATION>.energyJoules}) into chartable categories and ratios.
 * Pure, so the arithmetic is tested without a database.
 */
public final class CostSummaries {

    /** Which simulator operations make up each category of {@link CostView#CATEGORIES}. */
    static final Map<String, List<String>> OPERATIONS = Map.of(
            "analogueProgramming", List.of("SET_PULSE", "RESET_PULSE", "WRITE_DRIVER", "VERIFY_READ"),
            "analogueCompute", List.of("CELL_READ", "LINE_CHARGE", "INTEGRATOR", "DAC_CONVERSION", "ADC_CONVERSION"),
            "digitalCompute", List.of("DIGITAL_MAC"),
            "sram", List.of("SRAM_READ_BYTE", "SRAM_WRITE_BYTE", "OPTIMISER_STATE_UPDATE"),
            "host", List.of("HOST_FP32_MAC"));

    private CostSummaries() {
    }

    /** @return the model's costs; versions without a recorded cost (requested, failed) are left out */
    public static CostView.ModelCost of(ModelView model, List<VersionView> versions) {
        List<CostView.VersionCost> costs = versions.stream()
                .filter(v -> v.cost() != null && !v.cost().isEmpty())
                .map(v -> version(v, model.deployedVersion()))
                .toList();
        return new CostView.ModelCost(model.modelId(), model.task(), model.preset(), model.deployedVersion(), costs,
                savings(costs));
    }

    static CostView.VersionCost version(VersionView v, Integer deployedVersion) {
        Map<String, Double> cost = v.cost();
        Map<String, Double> categories = new LinkedHashMap<>();
        for (String category : CostView.CATEGORIES) {
            categories.put(category, OPERATIONS.get(category).stream()
                    .mapToDouble(op -> cost.getOrDefault(op + ".energyJoules", 0.0)).sum());
        }
        long pulses = (long) (cost.getOrDefault("SET_PULSE.count", 0.0) + cost.getOrDefault("RESET_PULSE.count", 0.0));
        return new CostView.VersionCost(v.version(), v.cause(), v.guarantee(),
                deployedVersion != null && deployedVersion == v.version(), cost.getOrDefault("energyJoules", 0.0),
                cost.getOrDefault("latencySeconds", 0.0), categories, pulses,
                cost.getOrDefault("SRAM_WRITE_BYTE.count", 0.0).longValue());
    }

    /**
     * Backbone vs. mean branch version. A REBASE forget reprograms the backbone, so it counts on the backbone side
     * only when there is no TRAIN_BACKBONE version; it is never a branch version.
     */
    static CostView.Savings savings(List<CostView.VersionCost> costs) {
        CostView.VersionCost backbone = costs.stream().filter(c -> "TRAIN_BACKBONE".equals(c.cause())).findFirst()
                .orElse(null);
        List<CostView.VersionCost> branches = costs.stream().filter(CostSummaries::isBranchVersion).toList();
        if (backbone == null || branches.isEmpty()) {
            return null;
        }
        return new CostView.Savings(
                ratio(backbone.energyJoules(), mean(branches, CostView.VersionCost::energyJoules)),
                ratio(backbone.energyByCategory().get("analogueProgramming"),
                        mean(branches, c -> c.energyByCategory().get("sram"))),
                ratio(backbone.latencySeconds(), mean(branches, CostView.VersionCost::latencySeconds)),
                branches.size());
    }

    private static boolean isBranchVersion(CostView.VersionCost c) {
        return switch (c.cause()) {
            case "LEARN", "ADAPT" -> true;
            case "FORGET" -> !"REBASE".equals(c.guarantee());
            default -> false;
        };
    }

    private static OptionalDouble mean(List<CostView.VersionCost> costs, ToDoubleFunction<CostView.VersionCost> f) {
        return costs.stream().mapToDouble(f).average();
    }

    /** A ratio only when both sides were measured: a zero denominator means "not recorded", not "infinitely cheap". */
    private static Double ratio(double numerator, OptionalDouble denominator) {
        if (denominator.isEmpty() || denominator.getAsDouble() <= 0 || numerator <= 0) {
            return null;
        }
        return numerator / denominator.getAsDouble();
    }
}
