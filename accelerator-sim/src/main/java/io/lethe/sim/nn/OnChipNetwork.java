package io.lethe.sim.nn;

import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.AnalogCrossbar;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A paper architecture whose weight matrices live in crossbars, as the on-chip report runs drive it. */
public interface OnChipNetwork {

    /** Logits of {@code inputs} (one row per sample), with {@code lora} applied. */
    INDArray logits(INDArray inputs, ComputeMode mode, LoraByLayer lora, SeededRandom noise, CostLedger ledger);

    /** Weight matrices by name, in forward order. */
    Map<String, DenseLayer> linears();

    /** Names of the layers LoRA adapts (and the analogue-update baseline trains). */
    List<String> adaptedLayers();

    /** MVMs through layer {@code name} per sample. */
    long vectorsPerSample(String name);

    /**
     * Separate MVM calls through layer {@code name} per sample: 1 when all its vectors go through at once
     * (tokens), one per window when each waits for the previous (recurrence). Each call reads the layer's digital
     * weights from SRAM again, on either side.
     */
    long callsPerSample(String name);

    /** Weights of every layer. */
    default long weightCount() {
        return linears().values().stream().mapToLong(d -> (long) d.inputs() * d.outputs()).sum();
    }

    /**
     * Programs every layer into crossbars by write-verify, in forward order (fresh cells with their device
     * factors, derived from {@code deviceSeed} and the layer's name, on first use).
     */
    default ProgrammingResult program(SimConfig config, long deviceSeed, SeededRandom rng, CostLedger ledger) {
        ProgrammingResult total = ProgrammingResult.none();
        for (var e : linears().entrySet()) {
            DenseLayer d = e.getValue();
            if (d.crossbar == null) {
                d.crossbar = AnalogCrossbar.fresh(d.inputs(), d.outputs(), config.device(),
                        SeededRandom.derive(deviceSeed, "device-factors/" + e.getKey()));
            }
            total = total.plus(d.crossbar.program(d.weight, rng, ledger));
        }
        return total;
    }
}
