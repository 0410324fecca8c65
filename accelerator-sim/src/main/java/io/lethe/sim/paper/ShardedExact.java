package io.lethe.sim.paper;

import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.cost.CostTable;
import io.lethe.sim.cost.Operation;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.LoraByLayer;
import io.lethe.sim.nn.Loss;
import io.lethe.sim.nn.OnChipNetwork;
import io.lethe.sim.nn.Samples;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.report.MembershipInference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * EXACT forgetting on a paper architecture, SISA-style (Bourtoule et al. 2021) over LoRA branches: data that
 * arrives after the backbone is programmed is split by data subject into shards, each shard trains its own
 * continual-learning branch on the frozen analogue backbone (with the same few rehearsal records of the backbone's
 * classes), and the deployed model answers with the mean of the constituents' softmax outputs (backbone + one
 * branch each). Forgetting a group of subjects retrains only the branch of the shard that held them, from its
 * recorded seed, on its slice minus their records.
 *
 * <p>The retrain-from-scratch reference is the whole model built again the way the original was, by the same code:
 * the backbone trained off-chip in float on the same records, programmed into the same chip (same device and
 * programming seeds), and every shard's branch trained on the chip on its slice without the group. Both sides are
 * priced by the same cost table and timed by the same clock.
 *
 * @param <N> the architecture
 */
final class ShardedExact<N extends OnChipNetwork> {

    /** What differs between architectures; every method is deterministic given its arguments. */
    interface Arch<N extends OnChipNetwork> {

        /** The seeded, untrained backbone. */
        N fresh();

        /** Off-chip float training of the whole backbone, host costs into {@code ledger}. */
        void trainFloat(N net, Samples data, CostLedger ledger);

        /** Programs {@code net} into the chip (always the same device and programming seeds). */
        void program(N net, CostLedger ledger);

        /** A continual-learning branch trained on the frozen analogue {@code net}, returned as deployed (INT8). */
        LoraByLayer trainBranch(N net, Samples slice, long seed, CostLedger ledger);
    }

    /**
     * The deployed model: a programmed backbone and one branch per shard, with what building it cost, in total and
     * part by part (so a reader can see where a retrain's time and energy go).
     */
    record Model<N extends OnChipNetwork>(N backbone, List<LoraByLayer> branches, CostLedger cost, long wallMillis,
                                          List<ExactOutcome.Part> parts) {
    }

    private final Arch<N> arch;
    private final CostTable prices;
    private final long evalSeed;

    ShardedExact(Arch<N> arch, CostTable prices, long evalSeed) {
        this.arch = arch;
        this.prices = prices;
        this.evalSeed = evalSeed;
    }

    static long shardSeed(long base, int shard) {
        return SeededRandom.deriveSeed(base, "shard-" + shard);
    }

    /** Builds the whole model: backbone off-chip, programmed, then every shard's branch on the chip. */
    Model<N> build(Samples backboneData, List<Samples> shards, long branchSeed) {
        long start = System.currentTimeMillis();
        CostLedger cost = new CostLedger();
        List<ExactOutcome.Part> parts = new ArrayList<>();
        N net = arch.fresh();
        parts.add(timed("backbone float training (" + backboneData.size() + " samples)", cost,
                ledger -> arch.trainFloat(net, backboneData, ledger)));
        parts.add(timed("backbone write-verify programming", cost, ledger -> arch.program(net, ledger)));
        List<LoraByLayer> branches = new ArrayList<>();
        for (int k = 0; k < shards.size(); k++) {
            int shard = k;
            parts.add(timed("branch of shard " + (k + 1) + " (" + shards.get(k).size() + " samples)", cost,
                    ledger -> {
                        LoraByLayer b = arch.trainBranch(net, shards.get(shard), shardSeed(branchSeed, shard), ledger);
                        ledger.add(Operation.SRAM_WRITE_BYTE, b.sramBytes());
                        branches.add(b);
                    }));
        }
        return new Model<>(net, branches, cost, System.currentTimeMillis() - start, parts);
    }

    /** Runs one part of a build on its own ledger, adds that ledger to {@code total}, and says what it cost. */
    private ExactOutcome.Part timed(String name, CostLedger total, java.util.function.Consumer<CostLedger> part) {
        long start = System.currentTimeMillis();
        CostLedger ledger = new CostLedger();
        part.accept(ledger);
        total.addAll(ledger);
        return new ExactOutcome.Part(name, System.currentTimeMillis() - start, ledger.energyJoules(prices));
    }

    /**
     * EXACT: zeroises shard {@code shard}'s branch and trains it again, from the same seed, on {@code slice} (its
     * records minus the group). The model's other branches and its backbone are not touched.
     */
    Model<N> forget(Model<N> model, int shard, Samples slice, long branchSeed) {
        long start = System.currentTimeMillis();
        CostLedger cost = new CostLedger();
        cost.add(Operation.SRAM_WRITE_BYTE, model.branches().get(shard).sramBytes()); // zeroise the old image
        LoraByLayer b = arch.trainBranch(model.backbone(), slice, shardSeed(branchSeed, shard), cost);
        cost.add(Operation.SRAM_WRITE_BYTE, b.sramBytes());
        List<LoraByLayer> branches = new ArrayList<>(model.branches());
        branches.set(shard, b);
        long wall = System.currentTimeMillis() - start;
        return new Model<>(model.backbone(), branches, cost, wall, List.of(new ExactOutcome.Part(
                "branch of shard " + (shard + 1) + " (" + slice.size() + " samples)", wall, cost.energyJoules(prices))));
    }

    /** Held-out and training data of one experiment, labels as class indexes. */
    record Data(Samples backbone, List<Samples> shards, int forgetShard, Set<Integer> group, INDArray retainedX,
                int[] retainedY, INDArray forgottenX, int[] forgottenY, INDArray membersX, int[] membersY) {
    }

    /**
     * Builds the model, forgets {@code data.group()} EXACT, builds the retrain-from-scratch reference without the
     * group, and measures both.
     */
    ExactOutcome run(Data data, long branchSeed, String groupName, String chanceNote, double chance) {
        Model<N> original = build(data.backbone(), data.shards(), branchSeed);
        Samples kept = without(data.shards().get(data.forgetShard()), data.group());
        Model<N> forgotten = forget(original, data.forgetShard(), kept, branchSeed);
        List<Samples> keptShards = data.shards().stream().map(s -> without(s, data.group())).toList();
        Model<N> reference = build(data.backbone(), keptShards, branchSeed);
        boolean identical = sameBranch(forgotten.branches().get(data.forgetShard()),
                reference.branches().get(data.forgetShard()));
        boolean othersSame = IntStream.range(0, data.shards().size()).filter(k -> k != data.forgetShard())
                .allMatch(k -> sameBranch(original.branches().get(k), forgotten.branches().get(k))
                        && sameBranch(original.branches().get(k), reference.branches().get(k)));
        return new ExactOutcome(groupName, data.shards().size(), data.forgetShard(),
                data.shards().get(data.forgetShard()).size(), kept.size(),
                data.shards().stream().mapToInt(Samples::size).sum(), data.backbone().size(), chance, chanceNote,
                accuracy(original, data.retainedX(), data.retainedY()),
                accuracy(forgotten, data.retainedX(), data.retainedY()),
                accuracy(original, data.forgottenX(), data.forgottenY()),
                accuracy(forgotten, data.forgottenX(), data.forgottenY()),
                accuracy(reference, data.retainedX(), data.retainedY()),
                accuracy(reference, data.forgottenX(), data.forgottenY()),
                mia(forgotten, data.membersX(), data.membersY(), data.forgottenX(), data.forgottenY()),
                mia(original, data.membersX(), data.membersY(), data.forgottenX(), data.forgottenY()),
                mia(reference, data.membersX(), data.membersY(), data.forgottenX(), data.forgottenY()),
                forgotten.wallMillis(), reference.wallMillis(), energy(forgotten), energy(reference),
                reference.parts(), identical, othersSame);
    }

    double energy(Model<N> model) {
        return model.cost().energyJoules(prices);
    }

    /** The constituents' mean softmax, one row per sample (seeded read noise, the same seed for each). */
    INDArray probabilities(Model<N> model, INDArray x) {
        INDArray sum = null;
        for (LoraByLayer b : model.branches()) {
            INDArray p = Loss.softmax(model.backbone().logits(x, ComputeMode.ANALOG, b, new SeededRandom(evalSeed),
                    new CostLedger()));
            sum = sum == null ? p : sum.addi(p);
        }
        return sum.divi(model.branches().size());
    }

    double accuracy(Model<N> model, INDArray x, int[] labels) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        INDArray p = probabilities(model, x);
        return (double) IntStream.range(0, labels.length).filter(i -> p.getRow(i).argMax().getInt(0) == labels[i])
                .count() / labels.length;
    }

    /** Loss-threshold MIA on the aggregated output: members vs non-members. */
    MembershipInference.Estimate mia(Model<N> model, INDArray members, int[] memberLabels, INDArray nonMembers,
                                     int[] nonMemberLabels) {
        return MembershipInference.estimate(losses(model, members, memberLabels),
                losses(model, nonMembers, nonMemberLabels), evalSeed);
    }

    private List<Double> losses(Model<N> model, INDArray x, int[] labels) {
        INDArray p = probabilities(model, x);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            out.add(-Math.log(Math.max(p.getDouble(i, labels[i]), 1e-12)));
        }
        return out;
    }

    /** Whether two models' branches hold the same values bit for bit. */
    static boolean sameBranch(LoraByLayer a, LoraByLayer b) {
        return a.digest().equals(b.digest());
    }

    /** The rows of {@code s} whose label is not in {@code group}, in order. */
    static Samples without(Samples s, Set<Integer> group) {
        return s.select(IntStream.range(0, s.size()).filter(i -> !group.contains(s.labels()[i])).toArray());
    }
}
