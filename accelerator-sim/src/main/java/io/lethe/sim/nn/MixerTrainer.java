package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam training of a {@link MixerNetwork} in the three regimes the report compares, as {@link Trainer} does for
 * the MLP: off-chip float training of the backbone, LoRA training on the frozen analogue backbone, and the
 * analogue-update baseline (in-situ training of the adapted layers with write-verify after every step). Each run
 * is a pure function of (network state, samples, hyperparameters, seed).
 */
public final class MixerTrainer {

    private MixerTrainer() {
    }

    /** Off-chip float training of every weight and RMSNorm gain. */
    public static double trainFloat(MixerNetwork net, Samples set, Hyperparameters hp, long seed, CostLedger ledger) {
        Set<String> all = Set.copyOf(net.linears().keySet());
        Map<String, INDArray> params = net.parameters(List.copyOf(net.linears().keySet()), true);
        return loop(set, hp, seed, params, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.FLOAT, LoraByLayer.NONE, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new Step(r.value(), net.backward(p, r.gradient(), all, true, ledger));
        }, null);
    }

    /**
     * LoRA training on the frozen analogue backbone; each step updates the branch's optimiser state and rewrites
     * its INT8 image in SRAM.
     */
    public static double trainLora(MixerNetwork net, LoraByLayer lora, Samples set, Hyperparameters hp, long seed,
                                   CostLedger ledger) {
        return loraLoop(lora, set, hp, seed, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.ANALOG, lora, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new Step(r.value(), net.backward(p, r.gradient(), Set.of(), false, ledger));
        }, ledger);
    }

    /**
     * The baseline: the same hardware-in-the-loop training, but of the adapted layers' analogue weights; after
     * every step the optimiser state of each of those weights is updated and the cells whose target moved are
     * rewritten by write-verify. Returns the accumulated programming statistics.
     */
    public static ProgrammingResult trainInSitu(MixerNetwork net, Samples set, Hyperparameters hp, long seed,
                                                CostLedger ledger) {
        List<String> adapted = net.adaptedLayers();
        return inSituLoop(net, net.parameters(adapted, false), set, hp, seed, (batch, noise) -> {
            var p = net.forward(batch.inputs(), ComputeMode.ANALOG, LoraByLayer.NONE, noise, ledger);
            Loss.Result r = Loss.CROSS_ENTROPY.evaluate(p.logits(), batch);
            return new Step(r.value(), net.backward(p, r.gradient(), Set.copyOf(adapted), false, ledger));
        }, ledger);
    }

    /**
     * The LoRA regime's loop, shared by the paper networks: after every step the branch's optimiser state is updated
     * and its INT8 image rewritten in SRAM.
     */
    static double loraLoop(LoraByLayer lora, Samples set, Hyperparameters hp, long seed, BatchStep step,
                           CostLedger ledger) {
        Map<String, INDArray> params = lora.parameters();
        long branchBytes = lora.sramBytes();
        long trainable = Trainer.parameterCount(params);
        return loop(set, hp, seed, params, step, () -> {
            ledger.add(Operation.OPTIMISER_STATE_UPDATE, trainable);
            ledger.add(Operation.SRAM_WRITE_BYTE, branchBytes);
        });
    }

    /**
     * The analogue-update baseline's loop, shared by the paper networks: after every step the optimiser state of
     * each adapted weight ({@code params}) is updated and the cells of {@code net}'s adapted layers whose target
     * moved are rewritten by write-verify. Returns the accumulated programming statistics.
     */
    static ProgrammingResult inSituLoop(OnChipNetwork net, Map<String, INDArray> params, Samples set,
                                        Hyperparameters hp, long seed, BatchStep step, CostLedger ledger) {
        long trainable = Trainer.parameterCount(params);
        SeededRandom programming = SeededRandom.derive(seed, "in-situ-programming");
        ProgrammingResult[] total = {ProgrammingResult.none()};
        loop(set, hp, seed, params, step, () -> {
            ledger.add(Operation.OPTIMISER_STATE_UPDATE, trainable);
            for (String n : net.adaptedLayers()) {
                DenseLayer d = net.linears().get(n);
                total[0] = total[0].plus(d.crossbar.update(d.weight, programming, ledger));
            }
        });
        return total[0];
    }

    /** One mini-batch's loss and gradients. */
    record Step(double loss, Map<String, INDArray> grads) {
    }

    @FunctionalInterface
    interface BatchStep {
        Step run(Samples batch, SeededRandom noise);
    }

    /** Volatile: the image run trains on two threads at once (a lost update only means one more collection). */
    private static volatile long lastCollection = System.nanoTime();

    /**
     * ND4J frees an array's native buffer only when the Java GC collects its small wrapper, and the physical
     * memory check that would force that is off (see Nd4jRuntime). The 512x512 liquid allocates gigabytes of
     * temporaries per step with hardly any heap, so without a collection now and then its resident memory grew
     * to 17 GB and the kernel killed it. At most one collection every two seconds; it changes no value.
     */
    private static void collectNativeGarbage() {
        if (System.nanoTime() - lastCollection > 2_000_000_000L) {
            System.gc();
            lastCollection = System.nanoTime();
        }
    }

    /** Seeded epochs of shuffled mini-batches with Adam; {@code afterUpdate} runs after every optimiser step. */
    static double loop(Samples set, Hyperparameters hp, long seed, Map<String, INDArray> params,
                               BatchStep step, Runnable afterUpdate) {
        SeededRandom shuffle = SeededRandom.derive(seed, "shuffle");
        SeededRandom noise = SeededRandom.derive(seed, "read-noise");
        Adam adam = new Adam(hp.learningRate());
        double last = Double.NaN;
        for (int epoch = 0; epoch < hp.epochs(); epoch++) {
            int[] order = shuffle.permutation(set.size());
            double sum = 0;
            for (int from = 0; from < order.length; from += hp.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + hp.batchSize()));
                Step s = step.run(set.select(rows), noise);
                adam.step(params, s.grads());
                if (afterUpdate != null) {
                    afterUpdate.run();
                }
                collectNativeGarbage();
                sum += s.loss() * rows.length;
            }
            last = sum / Math.max(1, order.length);
        }
        return last;
    }
}
