package io.lethe.sim.workload;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.OptdigitsCsv;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.HybridNetwork;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.Loss;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.nn.Trainer;
import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stylized image generation: optdigits digits rendered in deterministic owner styles ({@link DigitStyles});
 * a conditional denoising MLP (noisy image + digit + owner slot + noise level -> clean image) is the
 * generator. Whether an owner is "remembered" is measured by a separate style classifier (trained off-chip
 * in float on held-out optdigits rows rendered in every style) applied to generated samples.
 *
 * <p>Record ids are {@code optdigits:tra/<row>} (or {@code tes}); row r belongs to owner {@code r % 5}.
 */
public final class ImageTask implements TaskDefinition {

    private static final int SLOTS = 8;
    private static final int JUDGE_FIRST_ROW = 1000;
    private final HybridNetwork judge;

    /** Builds the task and trains its style classifier from {@code optdigits/optdigits.tes} rows 1000+. */
    public ImageTask(SampleSource source) {
        this.judge = trainJudge(source);
    }

    @Override
    public String name() {
        return "image";
    }

    @Override
    public Objective objective() {
        return Objective.DENOISE;
    }

    @Override
    public int featureSize() {
        return 64;
    }

    @Override
    public double[] features(SimRecord record) {
        return DigitStyles.render(record.label(), OptdigitsCsv.parseRow(record.payload()).pixels());
    }

    @Override
    public int digit(SimRecord record) {
        return OptdigitsCsv.parseRow(record.payload()).digit();
    }

    @Override
    public int ownerSlots() {
        return SLOTS;
    }

    @Override
    public int[] hiddenSizes() {
        return new int[] {128};
    }

    @Override
    public Hyperparameters backboneHyperparameters() {
        return new Hyperparameters(30, 0.005, 64, 16);
    }

    @Override
    public Hyperparameters branchHyperparameters() {
        return new Hyperparameters(20, 0.01, 64, 16);
    }

    @Override
    public List<String> judgeStyles(INDArray images) {
        INDArray logits = judge.forward(images, ComputeMode.FLOAT, List.of(), null, new SeededRandom(0),
                new CostLedger()).output();
        return java.util.Arrays.stream(logits.argMax(1).toIntVector()).mapToObj(DigitStyles.OWNERS::get).toList();
    }

    private static HybridNetwork trainJudge(SampleSource source) {
        List<byte[]> rows = OptdigitsCsv.dataLines(source.file("optdigits/optdigits.tes")
                .orElseThrow(() -> new IllegalArgumentException("optdigits/optdigits.tes not available")));
        List<double[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int r = JUDGE_FIRST_ROW; r < Math.min(rows.size(), JUDGE_FIRST_ROW + 300); r++) {
            int[] px = OptdigitsCsv.parseRow(rows.get(r)).pixels();
            for (int s = 0; s < DigitStyles.OWNERS.size(); s++) {
                images.add(DigitStyles.render(DigitStyles.OWNERS.get(s), px));
                labels.add(s);
            }
        }
        INDArray clean = Nd4j.createFromArray(images.toArray(new double[0][]));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double[] w = new double[y.length];
        java.util.Arrays.fill(w, 1.0);
        HybridNetwork net = HybridNetwork.init(new int[] {64, 32, DigitStyles.OWNERS.size()}, new SeededRandom(5));
        // Noise augmentation so that slightly blurry or noisy generated samples are still judged by style.
        new Trainer(Loss.CROSS_ENTROPY).trainBackboneFloat(net, (epoch, rng) -> new Samples(
                clean.add(rng.gaussian(clean.rows(), 64).muli(0.1)), y, null, w),
                new Hyperparameters(15, 0.01, 64, 1), 5, new CostLedger());
        return net;
    }

    /** Records of {@code file} ({@code tra} or {@code tes}) owned by {@code owners}, {@code perOwner} each. */
    public static List<SimRecord> records(SampleSource source, String file, List<String> owners, int perOwner) {
        List<byte[]> rows = OptdigitsCsv.dataLines(source.file("optdigits/optdigits." + file)
                .orElseThrow(() -> new IllegalArgumentException("optdigits/optdigits." + file + " not available")));
        List<SimRecord> out = new ArrayList<>();
        for (String owner : owners) {
            int k = DigitStyles.OWNERS.indexOf(owner);
            int taken = 0;
            for (int r = k; r < rows.size() && taken < perOwner && (!file.equals("tes") || r < JUDGE_FIRST_ROW);
                 r += DigitStyles.OWNERS.size()) {
                out.add(new SimRecord("optdigits:" + file + "/" + r, owner, rows.get(r)));
                taken++;
            }
        }
        return out;
    }
}
