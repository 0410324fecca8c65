package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.device.ProgrammingResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam training of a {@link DitNetwork} on the noise-prediction objective in the three regimes the report compares,
 * as {@link MixerTrainer} does for the Mixer (and through its seeded loop): off-chip float training of the
 * backbone, LoRA training on the frozen analogue backbone, and the analogue-update baseline (in-situ training of
 * fc1/fc2 with write-verify after every step). Rows of {@code set}: 64 clean pixels in [-1, 1] and the condition
 * one-hots; labels: the class group of each row, which {@code randomTarget} names for the paper's "CG" forgetting.
 */
public final class DitTrainer {

    private DitTrainer() {
    }

    /** Off-chip float training of every weight and depthwise kernel. */
    public static double trainFloat(DitNetwork net, DiffusionSchedule schedule, Samples set, Hyperparameters hp,
                                    long seed, CostLedger ledger) {
        Set<String> all = Set.copyOf(net.linears().keySet());
        Map<String, INDArray> params = net.parameters(List.copyOf(net.linears().keySet()), true);
        return MixerTrainer.loop(set, hp, seed, params, (batch, rng) -> {
            DiffusionSchedule.Pairs pairs = schedule.draw(batch, Set.of(), rng);
            var p = net.forward(pairs.inputs(), ComputeMode.FLOAT, LoraByLayer.NONE, LoraByLayer.NONE, rng, ledger);
            Loss.Result r = DiffusionSchedule.mse(p.output(), pairs.targets());
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), all, true, ledger));
        }, null);
    }

    /**
     * LoRA training on the frozen analogue backbone (with an earlier, frozen branch {@code fixed} applied beside it);
     * each step updates the branch's optimiser state and rewrites its INT8 image in SRAM.
     */
    public static double trainLora(DitNetwork net, LoraByLayer lora, LoraByLayer fixed, DiffusionSchedule schedule,
                                   Samples set, Set<Integer> randomTarget, Hyperparameters hp, long seed,
                                   CostLedger ledger) {
        return MixerTrainer.loraLoop(lora, set, hp, seed, (batch, rng) -> {
            DiffusionSchedule.Pairs pairs = schedule.draw(batch, randomTarget, rng);
            var p = net.forward(pairs.inputs(), ComputeMode.ANALOG, lora, fixed, rng, ledger);
            Loss.Result r = DiffusionSchedule.mse(p.output(), pairs.targets());
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), Set.of(), false, ledger));
        }, ledger);
    }

    /**
     * The baseline: the same hardware-in-the-loop job, but training fc1/fc2's analogue weights; after every step
     * the optimiser state of each of those weights is updated and the cells whose target moved are rewritten by
     * write-verify. Returns the accumulated programming statistics.
     */
    public static ProgrammingResult trainInSitu(DitNetwork net, DiffusionSchedule schedule, Samples set,
                                                Set<Integer> randomTarget, Hyperparameters hp, long seed,
                                                CostLedger ledger) {
        List<String> adapted = net.adaptedLayers();
        return MixerTrainer.inSituLoop(net, net.parameters(adapted, false), set, hp, seed, (batch, rng) -> {
            DiffusionSchedule.Pairs pairs = schedule.draw(batch, randomTarget, rng);
            var p = net.forward(pairs.inputs(), ComputeMode.ANALOG, LoraByLayer.NONE, LoraByLayer.NONE, rng, ledger);
            Loss.Result r = DiffusionSchedule.mse(p.output(), pairs.targets());
            return new MixerTrainer.Step(r.value(), net.backward(p, r.gradient(), Set.copyOf(adapted), false, ledger));
        }, ledger);
    }
}
