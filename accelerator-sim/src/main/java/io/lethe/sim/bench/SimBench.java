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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

    /** One measured comparison, with CPU-independent or load-robust evidence in {@code details}. */
    public record Result(String name, double subjectMillis, double baselineMillis, String note,
                         Map<String, Double> details) {

        public Result(String name, double subjectMillis, double baselineMillis, String note) {
            this(name, subjectMillis, baselineMillis, note, Map.of());
        }

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

    /** Rounds of hybrid MVM and raw GEMM timed alternately, so that both see the same swings of machine load. */
    static final int ROUNDS = 7;

    /**
     * Hybrid MVM time vs ND4J GEMM of a batch x inputs times inputs x outputs: medians of {@link #ROUNDS} alternating
     * rounds (wall clock), with the ratio's median and range over the rounds, the same on the thread's CPU time
     * (which leaves out time the thread waited for a core), and what one MVM does (direct BLAS calls, ND4J calls,
     * double and float multiply-adds, Gaussians).
     */
    static Result mvm(int batch, int inputs, int outputs) {
        SimConfig config = Presets.paper180nm();
        INDArray w = new SeededRandom(1).gaussian(inputs, outputs).muli(0.05);
        AnalogCrossbar xbar = AnalogCrossbar.fresh(inputs, outputs, config.device(), new SeededRandom(2));
        xbar.program(w, new SeededRandom(3), new CostLedger());
        INDArray x = new SeededRandom(4).uniform(batch, inputs);
        SeededRandom noise = new SeededRandom(5);
        CostLedger ledger = new CostLedger();
        int reps = Math.max(20, 20_000 / Math.max(1, batch * inputs * outputs / 4096));
        Runnable hybrid = () -> xbar.mvm(x, noise, ledger);
        Runnable gemm = () -> x.mmul(w);
        warmUp(reps, hybrid);
        warmUp(reps, gemm);
        double[][] hybridTimes = new double[2][ROUNDS];
        double[][] gemmTimes = new double[2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            time(reps, hybrid, hybridTimes, round);
            time(reps, gemm, gemmTimes, round);
        }
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("rounds", (double) ROUNDS);
        putRatios(details, "wallRatio", hybridTimes[0], gemmTimes[0]);
        putRatios(details, "cpuRatio", hybridTimes[1], gemmTimes[1]);
        details.put("cpuMillis", median(hybridTimes[1]));
        details.put("baselineCpuMillis", median(gemmTimes[1]));
        int[] calls = xbar.callsPerMvm(batch);
        details.put("blasCallsPerMvm", (double) calls[0]);
        details.put("nd4jCallsPerMvm", (double) calls[1]);
        details.put("baselineNd4jCalls", 1.0);
        // Partial sums (double) and read-noise variances (float): two products of the raw GEMM's size; one Gaussian
        // per output per tile row block.
        details.put("doubleMultiplyAddsPerMvm", (double) batch * inputs * outputs);
        details.put("floatMultiplyAddsPerMvm", (double) batch * inputs * outputs);
        details.put("baselineMultiplyAdds", (double) batch * inputs * outputs);
        details.put("gaussiansPerMvm", (double) batch * outputs * xbar.rowBlocks());
        return new Result("MVM " + batch + "x" + inputs + "x" + outputs, median(hybridTimes[0]), median(gemmTimes[0]),
                "hybrid/GEMM slowdown = 1/ratio; " + xbar.tileCount() + " tiles", details);
    }

    /**
     * Runs {@code r} {@link #WARM_UP_ROUNDS} rounds' worth before timing: the hybrid's Java side (DAC, ADC and noise
     * passes) runs interpreted and then C1-compiled until C2 has compiled its loops, while the raw GEMM is native from
     * the first call, so a short warm-up timed part of the hybrid's JIT warm-up against a GEMM already at speed.
     */
    private static void warmUp(int reps, Runnable r) {
        for (int i = 0; i < reps * WARM_UP_ROUNDS; i++) {
            r.run();
        }
    }

    /** Rounds of calls run before the timed rounds. */
    static final int WARM_UP_ROUNDS = 10;

    /** Times {@code reps} runs: milliseconds per run of wall clock into {@code into[0][round]}, of CPU into [1]. */
    private static void time(int reps, Runnable r, double[][] into, int round) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        into[0][round] = (System.nanoTime() - start) / 1e6 / reps;
        into[1][round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / reps;
    }

    /** Per-round baseline / subject ratios: {@code name}Median, {@code name}Min, {@code name}Max. */
    private static void putRatios(Map<String, Double> into, String name, double[] subject, double[] baseline) {
        double[] r = new double[subject.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = baseline[i] / subject[i];
        }
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        into.put(name + "Median", median(r));
        into.put(name + "Min", sorted[0]);
        into.put(name + "Max", sorted[sorted.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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
            Map<String, Object> entry = new LinkedHashMap<>(Map.of("subjectMillis", r.subjectMillis(),
                    "baselineMillis", r.baselineMillis(), "ratio", r.speedup(), "note", r.note()));
            entry.putAll(r.details());
            m.put(r.name(), entry);
        }
        return m;
    }
}
