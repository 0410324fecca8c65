package io.lethe.sim.paper;

import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.data.SpeakerSpectrogram;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.LsmNetwork;
import io.lethe.sim.nn.LsmTrainer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.SpeakerTask;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * EXACT forgetting on the paper's spiking LSM ({@link ShardedExact}): a 6-output liquid whose backbone learns george,
 * jackson, lucas and nicolas off-chip; theo and yweweler enrol later, each in a shard of its own (SISA shards by data
 * subject) with its own continual-learning LoRA branch (rank 8, alpha 16, on fc1, fc1h and the readout: a new speaker
 * needs a readout change). FSDD has six speakers and ten takes each, so two shards; EXACT forgets yweweler (70
 * training and 30 held-out records) by retraining the yweweler shard's branch on that shard minus yweweler, which
 * leaves its rehearsal records.
 */
final class LsmSpeakerExact {

    static final long BACKBONE_SEED = 101;
    static final long BRANCH_SEED = 111;
    static final List<String> SPEAKERS = List.of("george", "jackson", "lucas", "nicolas", "theo", "yweweler");
    /** Speakers the backbone learns off-chip; each later speaker is a shard of its own. */
    static final int BACKBONE_SPEAKERS = 4;
    static final String SETTINGS = "EXACT: LSM with 6 outputs; backbone george, jackson, lucas, nicolas (takes 0-6, 40 "
            + "float Adam epochs, lr 0.005, batch 64); shards theo and yweweler, one speaker each (takes 0-6), each "
            + "with a LoRA branch (rank 8, alpha 16, fc1/fc1h/fc2, 8 Adam epochs, lr 0.002, batch 32) and the same "
            + "rehearsal of takes 0-2 of the backbone's speakers; forget yweweler; held out: takes 7-9";
    private static final Hyperparameters BRANCH = new Hyperparameters(8, 0.002, 32, 16);
    private static final List<Integer> DIGITS = IntStream.rangeClosed(0, 9).boxed().toList();
    private static final List<Integer> TRAIN = IntStream.rangeClosed(0, 6).boxed().toList();
    private static final List<Integer> HELD_OUT = List.of(7, 8, 9);

    private LsmSpeakerExact() {
    }

    static ExactOutcome run(SimConfig config, SampleSource source, long evalSeed) {
        return run(config, source, evalSeed, BACKBONE_SPEAKERS);
    }

    /**
     * The experiment with the first {@code backboneSpeakers} speakers in the backbone and every later one in a shard
     * of its own; yweweler (the last) is forgotten.
     */
    static ExactOutcome run(SimConfig config, SampleSource source, long evalSeed, int backboneSpeakers) {
        List<String> base = SPEAKERS.subList(0, backboneSpeakers);
        List<SimRecord> rehearsal = SpeakerTask.records(source, base, DIGITS, List.of(0, 1, 2));
        Samples backbone = samples(SpeakerTask.records(source, base, DIGITS, TRAIN));
        List<Samples> shards = SPEAKERS.subList(backboneSpeakers, SPEAKERS.size()).stream()
                .map(speaker -> samples(Stream.concat(SpeakerTask.records(source, List.of(speaker), DIGITS, TRAIN)
                        .stream(), rehearsal.stream()).toList()))
                .toList();
        String forget = SPEAKERS.get(SPEAKERS.size() - 1);
        List<SimRecord> retained = SpeakerTask.records(source, SPEAKERS.subList(0, SPEAKERS.size() - 1), DIGITS,
                HELD_OUT);
        List<SimRecord> forgotten = SpeakerTask.records(source, List.of(forget), DIGITS, HELD_OUT);
        List<SimRecord> members = SpeakerTask.records(source, List.of(forget), DIGITS, TRAIN);
        ShardedExact.Data data = new ShardedExact.Data(backbone, shards, shards.size() - 1,
                Set.of(SPEAKERS.size() - 1), LsmSpeakerRun.features(retained), labels(retained),
                LsmSpeakerRun.features(forgotten), labels(forgotten), LsmSpeakerRun.features(members),
                labels(members));
        return new ShardedExact<>(arch(config), config.costs(), evalSeed)
                .run(data, BRANCH_SEED, forget, "1 / 6 outputs", 1.0 / SPEAKERS.size());
    }

    private static ShardedExact.Arch<LsmNetwork> arch(SimConfig config) {
        return new ShardedExact.Arch<>() {
            @Override
            public LsmNetwork fresh() {
                return LsmNetwork.init(SpeakerSpectrogram.CHANNELS, SpeakerSpectrogram.WINDOWS, LsmSpeakerRun.NEURONS,
                        SPEAKERS.size(), SeededRandom.derive(BACKBONE_SEED, "init"));
            }

            @Override
            public void trainFloat(LsmNetwork net, Samples data, CostLedger ledger) {
                LsmTrainer.trainFloat(net, data, new Hyperparameters(40, 0.005, 64, 16), BACKBONE_SEED, ledger);
            }

            @Override
            public void program(LsmNetwork net, CostLedger ledger) {
                net.program(config, SeededRandom.deriveSeed(BACKBONE_SEED, "device"),
                        SeededRandom.derive(BACKBONE_SEED, "programming"), ledger);
            }

            @Override
            public LoraByLayer trainBranch(LsmNetwork net, Samples slice, long seed, CostLedger ledger) {
                LoraByLayer lora = net.initLora(8, BRANCH.loraAlpha(), List.of("fc1", "fc1h", "fc2"),
                        SeededRandom.derive(seed, "branch-init"));
                LsmTrainer.trainLora(net, lora, slice, BRANCH, seed, ledger);
                return lora.quantized();
            }
        };
    }

    private static Samples samples(List<SimRecord> records) {
        double[] w = new double[records.size()];
        Arrays.fill(w, 1.0);
        return new Samples(LsmSpeakerRun.features(records), labels(records), null, w);
    }

    private static int[] labels(List<SimRecord> records) {
        return records.stream().mapToInt(r -> SPEAKERS.indexOf(r.label())).toArray();
    }
}
