package io.lethe.sim.paper;

import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.MixerNetwork;
import io.lethe.sim.nn.MixerTrainer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.FaceTask;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * EXACT forgetting on the paper's MLP-Mixer ({@link ShardedExact}): a 40-output mixer whose backbone learns ORL
 * s1-s20 off-chip; s21-s30 and s31-s40 arrive later as two shards, each with its own continual-learning LoRA branch
 * (rank 8, alpha 4: the paper's continual-learning rank). EXACT forgets the group s35-s40, which only shard 2 saw.
 * Images 1-5 of each subject (and their mirror images) train and 6-10 are held out, so the group gives the MIA 30
 * members and 30 non-members.
 */
final class MixerFaceExact {

    static final long BACKBONE_SEED = 101;
    static final long BRANCH_SEED = 111;
    static final int OUTPUTS = 40;
    static final String SETTINGS = "EXACT: MLP-Mixer with 40 outputs; backbone s1-s20 (images 1-5 and mirrors, 300 "
            + "full-batch Adam epochs, lr 0.01); shards s21-s30 and s31-s40, one LoRA branch each (rank 8, alpha 4, "
            + "channel-mixing and output layers, 16 Adam epochs, lr 0.01, batch 32), each shard with the same "
            + "rehearsal of image 1 of s1-s20 (no mirrors); forget the group s35-s40; held out: images 6-10";
    private static final Hyperparameters BRANCH = new Hyperparameters(16, 0.01, 32, 4.0);

    private MixerFaceExact() {
    }

    static ExactOutcome run(SimConfig config, SampleSource source, long evalSeed) {
        List<Integer> group = range(35, 40);
        List<Integer> trainImages = range(1, 5);
        List<Integer> heldOut = range(6, 10);
        List<SimRecord> rehearsal = FaceTask.records(source, range(1, 20), List.of(1));
        Samples backbone = samples(FaceTask.records(source, range(1, 20), trainImages));
        List<Samples> shards = Stream.of(range(21, 30), range(31, 40))
                .map(s -> join(samples(FaceTask.records(source, s, trainImages)), unmirrored(rehearsal))).toList();
        List<Integer> others = IntStream.rangeClosed(1, 40).boxed().filter(s -> !group.contains(s)).toList();
        List<SimRecord> retained = FaceTask.records(source, others, heldOut);
        List<SimRecord> forgotten = FaceTask.records(source, group, heldOut);
        List<SimRecord> members = FaceTask.records(source, group, trainImages);
        ShardedExact.Data data = new ShardedExact.Data(backbone, shards, 1,
                group.stream().map(s -> s - 1).collect(Collectors.toSet()),
                MixerFaceRun.features(retained, false), labels(retained),
                MixerFaceRun.features(forgotten, false), labels(forgotten),
                MixerFaceRun.features(members, false), labels(members));
        return new ShardedExact<>(arch(config), config.costs(), evalSeed)
                .run(data, BRANCH_SEED, "s35-s40", "1 / 40 outputs", 1.0 / OUTPUTS);
    }

    private static ShardedExact.Arch<MixerNetwork> arch(SimConfig config) {
        return new ShardedExact.Arch<>() {
            @Override
            public MixerNetwork fresh() {
                return MixerNetwork.init(2, 20, 32, OUTPUTS, SeededRandom.derive(BACKBONE_SEED, "init"));
            }

            @Override
            public void trainFloat(MixerNetwork net, Samples data, CostLedger ledger) {
                MixerTrainer.trainFloat(net, data, new Hyperparameters(300, 0.01, data.size(), 4.0), BACKBONE_SEED,
                        ledger);
            }

            @Override
            public void program(MixerNetwork net, CostLedger ledger) {
                net.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "device"),
                        SeededRandom.derive(BACKBONE_SEED, "programming"), ledger);
            }

            @Override
            public LoraByLayer trainBranch(MixerNetwork net, Samples slice, long seed, CostLedger ledger) {
                LoraByLayer lora = net.initLora(8, BRANCH.loraAlpha(), SeededRandom.derive(seed, "branch-init"));
                MixerTrainer.trainLora(net, lora, slice, BRANCH, seed, ledger);
                return lora.quantized();
            }
        };
    }

    /** Records and their mirror images, labelled subject - 1. */
    private static Samples samples(List<SimRecord> records) {
        INDArray x = MixerFaceRun.features(records, true);
        int[] base = labels(records);
        int[] y = new int[base.length * 2];
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = base[i % base.length];
            w[i] = 1.0;
        }
        return new Samples(x, y, null, w);
    }

    /** Records alone, labelled subject - 1. */
    private static Samples unmirrored(List<SimRecord> records) {
        double[] w = new double[records.size()];
        java.util.Arrays.fill(w, 1.0);
        return new Samples(MixerFaceRun.features(records, false), labels(records), null, w);
    }

    private static Samples join(Samples a, Samples b) {
        int[] y = IntStream.concat(IntStream.of(a.labels()), IntStream.of(b.labels())).toArray();
        double[] w = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(a.weights()),
                java.util.stream.DoubleStream.of(b.weights())).toArray();
        return new Samples(Nd4j.vstack(a.inputs(), b.inputs()), y, null, w);
    }

    private static int[] labels(List<SimRecord> records) {
        return records.stream().mapToInt(r -> Integer.parseInt(r.label().substring(1)) - 1).toArray();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
