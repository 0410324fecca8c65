package io.lethe.sim.model;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.FeatureNormalizer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.nn.TrainingSet;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.Objective;
import io.lethe.sim.workload.TaskDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns records into network inputs and training sets for both objectives. */
final class TrainingSets {

    /** Noise levels of the denoising generator, from pure noise to nearly clean. */
    static final double[] NOISE_LEVELS = {1.0, 0.6, 0.35, 0.15};

    private final TaskDefinition task;

    TrainingSets(TaskDefinition task) {
        this.task = task;
    }

    /** Raw features, one row per record. */
    INDArray features(List<SimRecord> records) {
        double[][] rows = new double[records.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = FeatureCache.features(task.name(), records.get(i), task::features);
        }
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    /** Network input width. */
    int inputSize() {
        return task.objective() == Objective.CLASSIFY ? task.featureSize()
                : task.featureSize() + 10 + task.ownerSlots() + 1;
    }

    /**
     * The training set for {@code records} labelled through {@code classes}; forget records are weighted,
     * relabelled or given random targets according to {@code objective}.
     */
    TrainingSet build(List<SimRecord> records, List<String> classes, FeatureNormalizer normalizer,
                      BranchObjective objective, Set<String> forgetIds, long seed) {
        double[] weights = new double[records.size()];
        boolean[] forget = new boolean[records.size()];
        for (int i = 0; i < weights.length; i++) {
            forget[i] = forgetIds.contains(records.get(i).recordId());
            weights[i] = forget[i] && objective == BranchObjective.WEIGHTED_ASCENT ? -0.5 : 1.0;
        }
        int[] labels = labels(records, classes);
        if (task.objective() == Objective.CLASSIFY) {
            if (objective == BranchObjective.RANDOM_RELABEL) {
                relabel(labels, forget, classes.size(), SeededRandom.derive(seed, "relabel"));
            }
            Samples s = new Samples(normalizer.apply(features(records)), labels, null, weights);
            return TrainingSet.fixed(s);
        }
        INDArray clean = features(records);
        INDArray conditions = conditions(records, labels);
        boolean randomTargets = objective == BranchObjective.RANDOM_TARGET;
        return (epoch, rng) -> denoisingEpoch(clean, conditions, weights, forget, randomTargets, rng);
    }

    private static void relabel(int[] labels, boolean[] forget, int classes, SeededRandom rng) {
        for (int i = 0; i < labels.length; i++) {
            if (forget[i] && classes > 1) {
                int other = rng.nextInt(classes - 1);
                labels[i] = other >= labels[i] ? other + 1 : other;
            }
        }
    }

    private Samples denoisingEpoch(INDArray clean, INDArray conditions, double[] weights, boolean[] forget,
                                   boolean randomTargets, SeededRandom rng) {
        int n = clean.rows();
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            sigma[i] = NOISE_LEVELS[rng.nextInt(NOISE_LEVELS.length)];
        }
        INDArray sigmas = Nd4j.createFromArray(sigma).reshape(n, 1);
        INDArray noisy = rng.gaussian(n, clean.columns()).muliColumnVector(sigmas).addi(clean);
        INDArray targets = clean.dup();
        if (randomTargets) {
            INDArray random = rng.uniform(n, clean.columns());
            for (int i = 0; i < n; i++) {
                if (forget[i]) {
                    targets.putRow(i, random.getRow(i));
                }
            }
        }
        return new Samples(Nd4j.hstack(noisy, conditions, sigmas), null, targets, weights);
    }

    /** Digit one-hot (10) then owner-slot one-hot ({@code ownerSlots}). */
    INDArray conditions(List<SimRecord> records, int[] ownerSlots) {
        INDArray c = Nd4j.zeros(DataType.DOUBLE, records.size(), 10 + task.ownerSlots());
        for (int i = 0; i < records.size(); i++) {
            c.putScalar(i, task.digit(records.get(i)), 1.0);
            if (ownerSlots[i] >= 0) {
                c.putScalar(i, 10 + ownerSlots[i], 1.0);
            }
        }
        return c;
    }

    /** Class index of each record's label, -1 if the model has no such class. */
    static int[] labels(List<SimRecord> records, List<String> classes) {
        int[] labels = new int[records.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(records.get(i).label());
        }
        return labels;
    }

    /** Input rows for evaluating a denoiser at one fixed noise level. */
    INDArray denoisingInputs(INDArray clean, INDArray conditions, double sigma, SeededRandom rng) {
        INDArray noisy = rng.gaussian(clean.rows(), clean.columns()).muli(sigma).addi(clean);
        INDArray s = Nd4j.valueArrayOf(new long[] {clean.rows(), 1}, sigma, DataType.DOUBLE);
        return Nd4j.hstack(noisy, conditions, s);
    }

    static int[] copy(int[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
