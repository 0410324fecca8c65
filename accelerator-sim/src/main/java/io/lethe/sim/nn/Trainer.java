package io.lethe.sim.nn;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mini-batch Adam training in the three regimes the simulator compares. Shuffling, data noise and read
 * noise each come from their own stream derived from the training seed, so a training run is a pure
 * function of (network state, frozen branches, training set, hyperparameters, seed).
 */
public final class Trainer {

    private final Loss loss;

    public Trainer(Loss loss) {
        this.loss = loss;
    }

    /** Off-chip floating-point training of every backbone weight (before programming). */
    public double trainBackboneFloat(HybridNetwork net, TrainingSet set, Hyperparameters hp, long seed,
                                     CostLedger ledger) {
        Map<String, INDArray> params = net.backboneParameters();
        return loop(set, hp, seed, (batch, noise) -> {
            var fp = net.forward(batch.inputs(), ComputeMode.FLOAT, List.of(), null, noise, ledger);
            Loss.Result r = loss.evaluate(fp.output(), batch);
            return new Step(r.value(), params, net.backward(fp, r.gradient(), true, ledger));
        }, null);
    }

    /**
     * Hardware-aware LoRA training: the backbone is frozen in its crossbars and every forward pass goes
     * through the noisy analogue model; only {@code branch} learns. Each optimiser step updates the branch's
     * optimiser state and rewrites the branch in SRAM (counted as INT8 bytes written).
     */
    public double trainBranch(HybridNetwork net, List<Branch> frozen, Branch branch, TrainingSet set,
                              Hyperparameters hp, long seed, CostLedger ledger) {
        Map<String, INDArray> params = branch.parameters();
        long branchBytes = params.values().stream().mapToLong(p -> p.length() + 4).sum();
        long trainable = parameterCount(params);
        return loop(set, hp, seed, (batch, noise) -> {
            var fp = net.forward(batch.inputs(), ComputeMode.ANALOG, frozen, branch, noise, ledger);
            Loss.Result r = loss.evaluate(fp.output(), batch);
            return new Step(r.value(), params, net.backward(fp, r.gradient(), false, ledger));
        }, () -> {
            ledger.add(Operation.OPTIMISER_STATE_UPDATE, trainable);
            ledger.add(Operation.SRAM_WRITE_BYTE, branchBytes);
        });
    }

    /** Trainable scalars (weights and biases) in {@code params}: what the optimiser keeps state for. */
    public static long parameterCount(Map<String, INDArray> params) {
        return params.values().stream().mapToLong(INDArray::length).sum();
    }

    /**
     * The baseline the paper compares against: the same hardware-in-the-loop training, but updating the
     * analogue weights themselves; after every optimiser step the optimiser state of every backbone weight
     * and bias is updated and the changed cells are rewritten by write-verify. Returns the accumulated
     * programming statistics.
     */
    public ProgrammingResult trainBackboneInSitu(HybridNetwork net, List<Branch> frozen, TrainingSet set,
                                                 Hyperparameters hp, long seed, CostLedger ledger) {
        Map<String, INDArray> params = net.backboneParameters();
        SeededRandom programming = SeededRandom.derive(seed, "in-situ-programming");
        ProgrammingResult[] total = {ProgrammingResult.none()};
        long trainable = parameterCount(params);
        loop(set, hp, seed, (batch, noise) -> {
            var fp = net.forward(batch.inputs(), ComputeMode.ANALOG, frozen, null, noise, ledger);
            Loss.Result r = loss.evaluate(fp.output(), batch);
            return new Step(r.value(), params, net.backward(fp, r.gradient(), true, ledger));
        }, () -> {
            ledger.add(Operation.OPTIMISER_STATE_UPDATE, trainable);
            for (DenseLayer layer : net.layers()) {
                total[0] = total[0].plus(layer.crossbar.update(layer.weight, programming, ledger));
            }
        });
        return total[0];
    }

    private record Step(double loss, Map<String, INDArray> params, Map<String, INDArray> grads) {
    }

    @FunctionalInterface
    private interface BatchStep {
        Step run(Samples batch, SeededRandom noise);
    }

    private double loop(TrainingSet set, Hyperparameters hp, long seed, BatchStep step, Runnable afterUpdate) {
        SeededRandom shuffle = SeededRandom.derive(seed, "shuffle");
        SeededRandom data = SeededRandom.derive(seed, "data");
        SeededRandom noise = SeededRandom.derive(seed, "read-noise");
        Adam adam = new Adam(hp.learningRate());
        double lastLoss = Double.NaN;
        for (int epoch = 0; epoch < hp.epochs(); epoch++) {
            Samples samples = set.epoch(epoch, data);
            int[] order = shuffle.permutation(samples.size());
            double sum = 0;
            for (int from = 0; from < order.length; from += hp.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + hp.batchSize()));
                Step s = step.run(samples.select(rows), noise);
                adam.step(s.params(), s.grads());
                if (afterUpdate != null) {
                    afterUpdate.run();
                }
                sum += s.loss() * rows.length;
            }
            lastLoss = sum / Math.max(1, order.length);
        }
        return lastLoss;
    }
}
