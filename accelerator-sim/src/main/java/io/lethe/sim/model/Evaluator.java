package io.lethe.sim.model;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.Loss;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.Objective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Accuracy and per-record loss of a deployed model, with seeded read noise. */
final class Evaluator {

    private final SimModel model;

    Evaluator(SimModel model) {
        this.model = model;
    }

    Evaluation evaluate(List<SimRecord> records, long seed) {
        if (records.isEmpty()) {
            return new Evaluation(0, Double.NaN, Map.of(), Map.of());
        }
        int[] labels = TrainingSets.labels(records, model.classes());
        return model.task().objective() == Objective.CLASSIFY
                ? classify(records, labels, seed) : denoise(records, labels, seed);
    }

    private INDArray run(INDArray inputs, SeededRandom noise) {
        return model.network().forward(inputs, ComputeMode.ANALOG, model.deployedBranches(), null, noise,
                new CostLedger()).output();
    }

    private Evaluation classify(List<SimRecord> records, int[] labels, long seed) {
        INDArray x = model.normalizer().apply(model.sets().features(records));
        INDArray logits = run(x, SeededRandom.derive(seed, "eval-noise"));
        int[] predicted = logits.argMax(1).toIntVector();
        int[] safe = new int[labels.length];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += labels[i] >= 0 && predicted[i] == labels[i] ? 1 : 0;
            safe[i] = Math.max(labels[i], 0);
        }
        INDArray probabilities = Loss.softmax(logits);
        double[] ce = Loss.crossEntropyOf(probabilities, safe);
        double[] conf = Loss.logitConfidenceOf(probabilities, safe);
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Double> confidence = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            loss.put(records.get(i).recordId(), labels[i] >= 0 ? ce[i] : Double.NaN);
            confidence.put(records.get(i).recordId(), labels[i] >= 0 ? conf[i] : Double.NaN);
        }
        return new Evaluation(records.size(), (double) correct / records.size(), loss, confidence);
    }

    private Evaluation denoise(List<SimRecord> records, int[] slots, long seed) {
        INDArray clean = model.sets().features(records);
        INDArray conditions = model.sets().conditions(records, slots);
        double[] mse = new double[records.size()];
        SeededRandom noise = SeededRandom.derive(seed, "eval-noise");
        SeededRandom data = SeededRandom.derive(seed, "eval-data");
        for (double sigma : TrainingSets.NOISE_LEVELS) {
            INDArray out = run(model.sets().denoisingInputs(clean, conditions, sigma, data), noise);
            double[] e = Loss.perExampleMse(out, clean);
            for (int i = 0; i < mse.length; i++) {
                mse[i] += e[i] / TrainingSets.NOISE_LEVELS.length;
            }
        }
        INDArray generated = generate(conditions, SeededRandom.derive(seed, "generate"), noise);
        int correct = 0;
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Double> confidence = new LinkedHashMap<>();
        List<String> styles = model.task().judgeStyles(generated);
        for (int i = 0; i < records.size(); i++) {
            correct += styles.get(i).equals(records.get(i).label()) ? 1 : 0;
            loss.put(records.get(i).recordId(), mse[i]);
            confidence.put(records.get(i).recordId(), -mse[i]);
        }
        return new Evaluation(records.size(), (double) correct / records.size(), loss, confidence);
    }

    /** Iterative denoising from pure noise through the noise levels, conditioned on digit and owner. */
    INDArray generate(INDArray conditions, SeededRandom rng, SeededRandom noise) {
        double[] levels = TrainingSets.NOISE_LEVELS;
        INDArray x = rng.gaussian(conditions.rows(), model.task().featureSize()).muli(levels[0]);
        for (int k = 0; k < levels.length; k++) {
            INDArray s = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {conditions.rows(), 1}, levels[k],
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            INDArray out = run(org.nd4j.linalg.factory.Nd4j.hstack(x, conditions, s), noise);
            x = k + 1 < levels.length ? out.add(rng.gaussian(out.rows(), out.columns()).muli(levels[k + 1])) : out;
        }
        return x;
    }
}
