package io.lethe.sim.bench;

import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.Presets;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.AnalogCrossbar;
import io.lethe.sim.model.BackboneSpec;
import io.lethe.sim.model.BranchSpec;
import io.lethe.sim.model.ForgetRequest;
import io.lethe.sim.model.SimModel;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.FaceTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Benchmarks for {@code lethe bench}; every figure is a ratio against a baseline measured in the same run.
 * <ul>
 *   <li>hybrid MVM (DAC, tiles, read noise, ADC) vs raw ND4J GEMM of the same shapes;</li>
 *   <li>EXACT unlearning (branch retraining) vs retraining the face model from scratch.</li>
 * </ul>
 * Plain timing loops with warm-up (no JMH dependency); figures vary with machine load.
 */
public final class SimBench {

    private SimBench() {
    }

    /** One measured comparison. */
    public record Result(String name, double subjectMillis, double baselineMillis, String note) {

        /** baseline time / subject time (above 1 = subject faster). */
        public double speedup() {
            return baselineMillis / subjectMillis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-44s subject %10.3f ms  baseline %10.3f ms  ratio %8.3fx  (%s)",
                    name, subjectMillis, baselineMillis, speedup(), note);
        }
    }

    /** Runs every benchmark. */
    public static List<Result> run(SampleSource source) {
        Nd4jRuntime.configure();
        List<Result> results = new java.util.ArrayList<>();
        for (int[] shape : new int[][] {{1, 256, 128}, {32, 256, 128}, {32, 512, 512}}) {
            results.add(mvm(shape[0], shape[1], shape[2]));
        }
        results.add(exactVersusRetrain(source));
        return results;
    }

    /** Hybrid MVM time vs ND4J GEMM of a batch x inputs times inputs x outputs. */
    static Result mvm(int batch, int inputs, int outputs) {
        SimConfig config = Presets.paper180nm();
        INDArray w = new SeededRandom(1).gaussian(inputs, outputs).muli(0.05);
        AnalogCrossbar xbar = AnalogCrossbar.fresh(inputs, outputs, config.device(), new SeededRandom(2));
        xbar.program(w, new SeededRandom(3), new CostLedger());
        INDArray x = new SeededRandom(4).uniform(batch, inputs);
        SeededRandom noise = new SeededRandom(5);
        CostLedger ledger = new CostLedger();
        int reps = Math.max(20, 20_000 / Math.max(1, batch * inputs * outputs / 4096));
        double hybrid = time(reps, () -> xbar.mvm(x, noise, ledger));
        double gemm = time(reps, () -> x.mmul(w));
        return new Result("MVM " + batch + "x" + inputs + "x" + outputs, hybrid, gemm,
                "hybrid/GEMM slowdown = 1/ratio; " + xbar.tileCount() + " tiles");
    }

    private static double time(int reps, Runnable r) {
        for (int i = 0; i < reps / 4 + 1; i++) {
            r.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        return (System.nanoTime() - start) / 1e6 / reps;
    }

    /** EXACT forget of one adapted face subject vs training backbone and branch from scratch without it. */
    static Result exactVersusRetrain(SampleSource source) {
        FaceTask task = new FaceTask();
        List<Integer> base = IntStream.rangeClosed(1, 20).boxed().toList();
        List<Integer> fresh = IntStream.rangeClosed(21, 24).boxed().toList();
        List<Integer> train = IntStream.rangeClosed(1, 7).boxed().toList();
        List<SimRecord> baseTrain = FaceTask.records(source, base, train);
        List<SimRecord> newTrain = FaceTask.records(source, fresh, train);
        List<SimRecord> slice = Stream.concat(newTrain.stream(), baseTrain.stream()).toList();
        BackboneSpec backbone = new BackboneSpec(base.stream().map(s -> "s" + s).toList(), 1,
                task.backboneHyperparameters());
        BranchSpec adapt = BranchSpec.learn("adapt-1", 8, 11, task.branchHyperparameters(),
                fresh.stream().map(s -> "s" + s).toList());
        SimModel model = SimModel.create(task, Presets.paper180nm());
        model.trainBackbone(backbone, baseTrain);
        model.adapt(adapt, slice);
        Set<String> forget = newTrain.stream().filter(r -> r.label().equals("s22")).map(SimRecord::recordId)
                .collect(Collectors.toSet());
        long t0 = System.nanoTime();
        model.forget(ForgetRequest.exact(forget));
        double exact = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        SimModel scratch = SimModel.create(task, Presets.paper180nm());
        scratch.trainBackbone(backbone, baseTrain);
        scratch.adapt(adapt, slice.stream().filter(r -> !forget.contains(r.recordId())).toList());
        double retrain = (System.nanoTime() - t0) / 1e6;
        return new Result("EXACT forget vs retrain from scratch (face)", exact, retrain,
                "same weights bit for bit: " + model.branches().get(0).digest().equals(scratch.branches().get(0).digest()));
    }

    /** Results as a map for JSON output. */
    public static Map<String, Object> asMap(List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Result r : results) {
            m.put(r.name(), Map.of("subjectMillis", r.subjectMillis(), "baselineMillis", r.baselineMillis(),
                    "ratio", r.speedup(), "note", r.note()));
        }
        return m;
    }
}
