package io.lethe.sim.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.sim.config.Presets;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.MixerNetwork;
import io.lethe.sim.nn.MixerTrainer;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** EXACT by shard retraining on a tiny mixer: the one retrained branch equals the from-scratch rebuild's. */
class ShardedExactTest {

    private final SimConfig config = Presets.paper180nm();

    @Test
    void retrainedShardBranchIsBitIdenticalToTheRebuildAndTheOtherShardIsUntouched() {
        Samples backbone = samples(0, 40, new int[] {0, 1});
        List<Samples> shards = List.of(samples(1, 24, new int[] {2, 3}), samples(2, 24, new int[] {4, 5}));
        ShardedExact.Data data = new ShardedExact.Data(backbone, shards, 1, Set.of(5),
                backbone.inputs(), backbone.labels(), shards.get(1).inputs(), shards.get(1).labels(),
                shards.get(1).inputs(), shards.get(1).labels());

        ExactOutcome outcome = new ShardedExact<>(tinyMixer(), config.costs(), 7).run(data, 11, "class 5", "1/6", 1 / 6.0);

        assertThat(outcome.branchBitIdenticalToRetrain()).isTrue();
        assertThat(outcome.otherBranchesUnchanged()).isTrue();
        assertThat(outcome.shardSamplesAfter()).isEqualTo(12);
        assertThat(outcome.retainedAfter()).as("the rebuild is the same model").isEqualTo(outcome.referenceRetained());
        assertThat(outcome.retrainEnergyJoules()).isGreaterThan(outcome.exactEnergyJoules());
        assertThat(outcome.mia().members()).isEqualTo(24);
        assertThat(outcome.retrainParts()).as("backbone training, programming, one branch per shard").hasSize(4);
        assertThat(outcome.retrainParts().stream().mapToDouble(ExactOutcome.Part::energyJoules).sum())
                .isCloseTo(outcome.retrainEnergyJoules(), org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(outcome.retrainParts().get(3).energyJoules())
                .as("the rebuild's branch of the forgotten shard: EXACT's work without zeroising the old image")
                .isGreaterThan(0).isLessThan(outcome.exactEnergyJoules());
        JsonNode json = new ObjectMapper().valueToTree(outcome);
        assertThat(json.get("definition").asText()).contains("Retrain from scratch");
        assertThat(json.get("energyRatio").asDouble()).isGreaterThan(1);
        assertThat(json.has("wallRatio")).isTrue();
    }

    /** {@code n} seeded random images, labels cycling through {@code classes}. */
    private static Samples samples(long seed, int n, int[] classes) {
        int[] y = IntStream.range(0, n).map(i -> classes[i % classes.length]).toArray();
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return new Samples(new SeededRandom(seed).uniform(n, 256), y, null, w);
    }

    private ShardedExact.Arch<MixerNetwork> tinyMixer() {
        Hyperparameters branch = new Hyperparameters(2, 0.01, 8, 4.0);
        return new ShardedExact.Arch<>() {
            @Override
            public MixerNetwork fresh() {
                return MixerNetwork.init(1, 4, 8, 6, SeededRandom.derive(3, "init"));
            }

            @Override
            public void trainFloat(MixerNetwork net, Samples d, CostLedger ledger) {
                MixerTrainer.trainFloat(net, d, new Hyperparameters(3, 0.01, d.size(), 4.0), 3, ledger);
            }

            @Override
            public void program(MixerNetwork net, CostLedger ledger) {
                net.program(config, 5, SeededRandom.derive(5, "programming"), ledger);
            }

            @Override
            public LoraByLayer trainBranch(MixerNetwork net, Samples slice, long seed, CostLedger ledger) {
                LoraByLayer lora = net.initLora(2, 4.0, SeededRandom.derive(seed, "branch-init"));
                MixerTrainer.trainLora(net, lora, slice, branch, seed, ledger);
                return lora.quantized();
            }
        };
    }
}
