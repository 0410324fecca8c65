package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.ProgrammingResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The three training regimes of {@link MixerTrainer} for the spiking {@link LsmNetwork}: float off-chip training,
 * LoRA on the frozen analogue liquid, and in-situ training of fc1 and fc1h with write-verify after every step.
 * Cross-entropy and Adam throughout (the paper's speaker code uses MSE on one-hot targets and SGD with momentum).
 */
public final class LsmTrainer {

    private LsmTrainer() {
    }

    /** Off-chip float training of every weight and the readout bias. */
    public static double trainFloat(LsmNetwork net, Samples set, Hyperparameters hp, long seed, CostLedger ledger) {
        List<String> all = List.copyOf(net.linears().keySet());
        Map<String, INDArray> params = net.parameters(all, true);
        return MixerTrainer.loop(set, hp, seed, params, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.FLOAT, LoraByLayer.NONE, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), Set.copyOf(all), true, ledger));
        }, null);
    }

    /** LoRA training on the frozen analogue liquid, optimiser state and INT8 rewrite in SRAM every step. */
    public static double trainLora(LsmNetwork net, LoraByLayer lora, Samples set, Hyperparameters hp, long seed,
                                   CostLedger ledger) {
        return MixerTrainer.loraLoop(lora, set, hp, seed, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.ANALOG, lora, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), Set.of(), false, ledger));
        }, ledger);
    }

    /** The baseline: fc1 and fc1h trained on the array, changed cells rewritten by write-verify every step. */
    public static ProgrammingResult trainInSitu(LsmNetwork net, Samples set, Hyperparameters hp, long seed,
                                                CostLedger ledger) {
        List<String> adapted = net.adaptedLayers();
        return MixerTrainer.inSituLoop(net, net.parameters(adapted, false), set, hp, seed, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.ANALOG, LoraByLayer.NONE, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), Set.copyOf(adapted), false, ledger));
        }, ledger);
    }
}
