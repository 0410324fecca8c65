package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.config.Nd4jRuntime;
import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.device.ProgrammingResult;
import io.lethe.sim.digital.SramBuffer;
import io.lethe.sim.nn.Branch;
import io.lethe.sim.nn.ComputeMode;
import io.lethe.sim.nn.DenseLayer;
import io.lethe.sim.nn.FeatureNormalizer;
import io.lethe.sim.nn.HybridNetwork;
import io.lethe.sim.nn.Loss;
import io.lethe.sim.nn.QuantizedBranch;
import io.lethe.sim.nn.Trainer;
import io.lethe.sim.nn.TrainingSet;
import io.lethe.sim.random.SeededRandom;
import io.lethe.sim.workload.Objective;
import io.lethe.sim.workload.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model on one simulated hybrid accelerator: a backbone programmed into analogue RM tiles and LoRA
 * branches in the digital unit's SRAM. This is the API a worker drives: train the backbone on records,
 * train/adapt branches on slices, forget at a guarantee level, evaluate, swap branches.
 *
 * <p>Everything is seeded: the same calls with the same records give bit-identical weights and digests.
 * Slices are processed in record-id order, so the order a caller lists records in does not matter.
 * Not thread-safe; use one instance per thread.
 */
public final class SimModel {

    private final TaskDefinition task;
    private final SimConfig config;
    private final TrainingSets sets;
    private final Trainer trainer;
    private HybridNetwork network;
    private FeatureNormalizer normalizer;
    private BackboneSpec backboneSpec;
    private List<SimRecord> backboneSlice = List.of();
    private String backboneDigest;
    private LinkedHashMap<String, DeployedBranch> branches = new LinkedHashMap<>();
    private SramBuffer sram;

    private SimModel(TaskDefinition task, SimConfig config) {
        Nd4jRuntime.configure();
        this.task = task;
        this.config = config;
        this.sets = new TrainingSets(task);
        this.trainer = new Trainer(task.objective() == Objective.CLASSIFY ? Loss.CROSS_ENTROPY : Loss.MSE);
        this.sram = new SramBuffer(config.digital().sramCapacityBytes());
    }

    /** An empty model for {@code task} on an accelerator configured by {@code config}. */
    public static SimModel create(TaskDefinition task, SimConfig config) {
        return new SimModel(task, config);
    }

    /** A deep copy: backbone, crossbars, branches and SRAM. */
    public SimModel copy() {
        SimModel c = new SimModel(task, config);
        c.network = network == null ? null : network.copy();
        c.normalizer = normalizer;
        c.backboneSpec = backboneSpec;
        c.backboneSlice = backboneSlice;
        c.backboneDigest = backboneDigest;
        c.branches = new LinkedHashMap<>(branches);
        c.sram = sram.copy();
        return c;
    }

    // ---------------------------------------------------------------------------------------- backbone

    /**
     * Trains the backbone off-chip in floating point on {@code records} and programs it into the analogue
     * tiles through write-verify (reusing the existing cells, with their device variation, if the model was
     * programmed before).
     */
    public BackboneResult trainBackbone(BackboneSpec spec, List<SimRecord> records) {
        return trainBackbone(spec, records, SeededRandom.deriveSeed(spec.seed(), "device"));
    }

    /**
     * {@link #trainBackbone(BackboneSpec, List)} onto a chip whose device variation, for cells not programmed before,
     * is drawn from {@code deviceSeed} instead of from the spec's seed: a retrain on the same chip as another model
     * trained with another seed.
     */
    public BackboneResult trainBackbone(BackboneSpec spec, List<SimRecord> records, long deviceSeed) {
        long start = System.currentTimeMillis();
        List<SimRecord> slice = sorted(records);
        requireKnownLabels(slice, spec.classes(), "backbone");
        HybridNetwork previous = network;
        network = HybridNetwork.init(layerSizes(spec.classes().size()), SeededRandom.derive(spec.seed(), "init"));
        normalizer = task.objective() == Objective.CLASSIFY
                ? FeatureNormalizer.fit(sets.features(slice)) : FeatureNormalizer.identity(task.featureSize());
        CostLedger training = new CostLedger();
        TrainingSet ts = sets.build(slice, spec.classes(), normalizer, BranchObjective.LEARN, Set.of(), spec.seed());
        double loss = trainer.trainBackboneFloat(network, ts, spec.hyperparameters(), spec.seed(), training);
        if (previous != null) {
            adoptCrossbars(previous);
        }
        CostLedger programming = new CostLedger();
        ProgrammingResult pr = network.program(config, deviceSeed, SeededRandom.derive(spec.seed(), "programming"),
                programming);
        backboneSpec = spec;
        backboneSlice = slice;
        backboneDigest = computeBackboneDigest();
        return new BackboneResult(backboneDigest, loss, pr, network.tileCount(), network.cellCount(), training,
                programming, System.currentTimeMillis() - start);
    }

    private void adoptCrossbars(HybridNetwork previous) {
        for (int i = 0; i < network.layers().size(); i++) {
            network.layers().get(i).adoptCrossbar(previous.layers().get(i));
        }
    }

    private int[] layerSizes(int classes) {
        int[] hidden = task.hiddenSizes();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = sets.inputSize();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = task.objective() == Objective.CLASSIFY ? classes : task.featureSize();
        return sizes;
    }

    private String computeBackboneDigest() {
        Digests d = new Digests().text(task.name()).text(backboneSpec.canonical())
                .array(normalizer.mean()).array(normalizer.std());
        for (DenseLayer l : network.layers()) {
            d.array(l.weight()).array(l.bias());
            for (INDArray g : l.crossbar().conductances()) {
                d.array(g);
            }
        }
        return d.hex();
    }

    // ---------------------------------------------------------------------------------------- branches

    /**
     * Trains a LoRA branch hardware-aware on {@code slice}, quantises it to INT8 and attaches it in SRAM.
     * Learning branches are independent on purpose: one trains on the frozen backbone alone and never
     * sees the others, so retraining one cannot change another (EXACT slice retraining touches exactly
     * the branches whose slices held the records), and it replays from (backbone digest, seed, slice,
     * hyperparameters) alone. Unlearning branches are corrections of the whole deployed model, so they
     * train on top of every attached branch and over all its classes. Fails with {@link SimConfigException} ({@code sramCapacityBytes})
     * before training if the branch cannot fit.
     */
    public BranchResult trainBranch(BranchSpec spec, List<SimRecord> slice) {
        requireBackbone();
        if (branches.containsKey(spec.branchId())) {
            throw new SimConfigException("branchId", "branch " + spec.branchId() + " is already attached");
        }
        sram.checkFits(spec.branchId(), estimatedBranchBytes(spec));
        DeployedBranch deployed = train(spec, sorted(slice));
        sram.attach(spec.branchId(), deployed.result().weights().sramImage(), deployed.result().cost());
        branches.put(spec.branchId(), deployed);
        return deployed.result();
    }

    /** Continual learning: a branch that adds {@code spec.newClasses()} (the output grows digitally). */
    public BranchResult adapt(BranchSpec spec, List<SimRecord> slice) {
        if (spec.newClasses().isEmpty()) {
            throw new SimConfigException("newClasses", "adapt needs at least one new class");
        }
        return trainBranch(spec, slice);
    }

    private DeployedBranch train(BranchSpec spec, List<SimRecord> slice) {
        long start = System.currentTimeMillis();
        boolean independent = spec.objective() == BranchObjective.LEARN;
        List<String> classes = new ArrayList<>(independent ? backboneSpec.classes() : classes());
        classes.addAll(spec.newClasses());
        requireKnownLabels(slice, classes, spec.branchId());
        int headUnits = task.objective() == Objective.CLASSIFY ? spec.newClasses().size() : 0;
        Branch branch = Branch.init(spec.branchId(), network, task.loraLayers(network.layers().size()), spec.rank(),
                spec.hyperparameters().loraAlpha(), headUnits, SeededRandom.derive(spec.seed(), "branch-init"));
        TrainingSet ts = sets.build(slice, classes, normalizer, spec.objective(), spec.forgetRecordIds(), spec.seed());
        CostLedger cost = new CostLedger();
        List<Branch> underneath = independent ? List.of() : deployedBranches();
        double loss = trainer.trainBranch(network, underneath, branch, ts, spec.hyperparameters(), spec.seed(), cost);
        QuantizedBranch q = branch.quantize();
        List<String> stackedOn = independent ? List.of()
                : branches.values().stream().map(b -> b.result().digest()).toList();
        BranchResult result = new BranchResult(spec, slice.stream().map(SimRecord::recordId).toList(),
                backboneDigest, stackedOn, q, q.digest(), loss, cost, System.currentTimeMillis() - start);
        return new DeployedBranch(spec, slice, result, q.toBranch());
    }

    private long estimatedBranchBytes(BranchSpec spec) {
        long bytes = 0;
        for (int l : task.loraLayers(network.layers().size())) {
            DenseLayer layer = network.layers().get(l);
            bytes += (long) spec.rank() * (layer.inputs() + layer.outputs()) + 8;
        }
        if (task.objective() == Objective.CLASSIFY && !spec.newClasses().isEmpty()) {
            int h = network.layers().get(network.layers().size() - 1).inputs();
            bytes += (long) spec.newClasses().size() * (h + 1) + 8;
        }
        return bytes;
    }

    /**
     * Replaces an attached branch by another trained result (detach zeroises the old bytes, attach writes the
     * new ones). Returns the SRAM bytes written.
     */
    public long swap(String outgoingBranchId, BranchResult incoming, List<SimRecord> incomingSlice) {
        CostLedger ledger = new CostLedger();
        long before = sram.bytesWritten();
        sram.detach(outgoingBranchId, ledger);
        branches.remove(outgoingBranchId);
        sram.attach(incoming.spec().branchId(), incoming.weights().sramImage(), ledger);
        branches.put(incoming.spec().branchId(),
                new DeployedBranch(incoming.spec(), sorted(incomingSlice), incoming, incoming.weights().toBranch()));
        return sram.bytesWritten() - before;
    }

    /** Detaches (and zeroises) a branch; returns the bytes written to zeroise it. */
    public long detach(String branchId) {
        branches.remove(branchId);
        return sram.detach(branchId, new CostLedger());
    }

    // ---------------------------------------------------------------------------------------- forgetting

    /** Forgets records at the requested guarantee level. */
    public ForgetResult forget(ForgetRequest request) {
        requireBackbone();
        return switch (request.mode()) {
            case EXACT -> new ExactForget(this).run(request.recordIds());
            case APPROXIMATE -> approximate(request);
            case REBASE -> new Rebase(this).run(request.recordIds());
        };
    }

    private ForgetResult approximate(ForgetRequest r) {
        long start = System.currentTimeMillis();
        List<SimRecord> forgetSet = backboneSlice.stream().filter(x -> r.recordIds().contains(x.recordId())).toList();
        if (forgetSet.isEmpty()) {
            throw new IllegalArgumentException("APPROXIMATE forgets records of the backbone; none of "
                    + r.recordIds() + " is in it");
        }
        long sramBefore = sram.bytesWritten();
        BranchSpec spec = new BranchSpec(r.unlearningBranchId(), r.rank(), r.seed(), r.hyperparameters(), List.of(),
                r.objective(), r.recordIds());
        BranchResult b = trainBranch(spec, everyKnownRecord());
        return new ForgetResult(ForgetMode.APPROXIMATE, sortedIds(r.recordIds()), List.of(b), ProgrammingResult.none(),
                sram.bytesWritten() - sramBefore, b.cost(), System.currentTimeMillis() - start);
    }

    /**
     * Every record the deployed model has seen (the backbone's and every attached branch's slice, in record-id
     * order): what an unlearning branch trains on, so a baseline for the same job can train on the same data.
     */
    public List<SimRecord> knownRecords() {
        requireBackbone();
        return everyKnownRecord();
    }

    /** The union of the backbone's and every attached branch's slice: the retain set of an unlearning branch. */
    private List<SimRecord> everyKnownRecord() {
        Map<String, SimRecord> all = new LinkedHashMap<>();
        backboneSlice.forEach(r -> all.put(r.recordId(), r));
        branches.values().forEach(b -> b.slice().forEach(r -> all.putIfAbsent(r.recordId(), r)));
        return sorted(new ArrayList<>(all.values()));
    }

    /**
     * Retrains the listed branches (in attach order) on their slices minus {@code removed}; a branch whose
     * slice becomes empty is only detached. Returns the results of the branches retrained.
     */
    List<BranchResult> retrainBranches(List<String> ids, Set<String> removed, CostLedger ledger) {
        List<DeployedBranch> old = ids.stream().map(branches::get).toList();
        for (String id : ids) {
            sram.detach(id, ledger);
            branches.remove(id);
        }
        List<BranchResult> results = new ArrayList<>();
        for (DeployedBranch d : old) {
            List<SimRecord> slice = d.slice().stream().filter(x -> !removed.contains(x.recordId())).toList();
            if (slice.isEmpty()) {
                continue; // nothing left to learn from: the branch stays detached (zeroised), as a retrain would
            }
            BranchResult r = trainBranch(d.spec().without(removed), slice);
            ledger.addAll(r.cost());
            results.add(r);
        }
        return results;
    }

    // ---------------------------------------------------------------------------------------- evaluation

    /** Evaluates the deployed model (analogue backbone + INT8 branches) on {@code records}, seeded read noise. */
    public Evaluation evaluate(List<SimRecord> records, long seed) {
        requireBackbone();
        return new Evaluator(this).evaluate(records, seed);
    }

    /**
     * Runs the analogue-update baseline for a job like {@code spec} on {@code slice} (on a copy: this model is
     * not changed). Only jobs without new classes have a like-for-like baseline.
     */
    public BaselineResult analogueUpdateBaseline(BranchSpec spec, List<SimRecord> slice) {
        return new AnalogueUpdateBaseline(copy()).run(spec, sorted(slice));
    }

    /**
     * Operations of one inference on one sample: through the analogue backbone, plus the attached branches
     * when {@code withBranches}. For DENOISE this is one denoising step.
     */
    public CostLedger inferenceCost(SimRecord sample, boolean withBranches) {
        requireBackbone();
        CostLedger ledger = new CostLedger();
        List<SimRecord> one = List.of(sample);
        INDArray x;
        if (task.objective() == Objective.CLASSIFY) {
            x = normalizer.apply(sets.features(one));
        } else {
            INDArray clean = sets.features(one);
            x = sets.denoisingInputs(clean, sets.conditions(one, new int[] {0}), 1.0, new SeededRandom(0));
        }
        network.forward(x, ComputeMode.ANALOG, withBranches ? deployedBranches() : List.of(), null,
                new SeededRandom(0), ledger);
        return ledger;
    }

    // ---------------------------------------------------------------------------------------- accessors

    /** Output classes (or style-owner slots): backbone classes, then each branch's new classes in attach order. */
    public List<String> classes() {
        List<String> c = new ArrayList<>(backboneSpec == null ? List.of() : backboneSpec.classes());
        branches.values().forEach(b -> c.addAll(b.spec().newClasses()));
        return c;
    }

    public String backboneDigest() {
        return backboneDigest;
    }

    /** Attached branches' results in attach order. */
    public List<BranchResult> branches() {
        return branches.values().stream().map(DeployedBranch::result).toList();
    }

    public SramBuffer sram() {
        return sram;
    }

    public SimConfig config() {
        return config;
    }

    public TaskDefinition task() {
        return task;
    }

    public HybridNetwork network() {
        return network;
    }

    /** Records the backbone was trained on. */
    public List<SimRecord> backboneSlice() {
        return backboneSlice;
    }

    BackboneSpec backboneSpec() {
        return backboneSpec;
    }

    FeatureNormalizer normalizer() {
        return normalizer;
    }

    TrainingSets sets() {
        return sets;
    }

    Trainer trainer() {
        return trainer;
    }

    Map<String, DeployedBranch> deployed() {
        return branches;
    }

    List<Branch> deployedBranches() {
        return branches.values().stream().map(DeployedBranch::deployed).toList();
    }

    /**
     * Puts a captured backbone back (see {@link SimModelSnapshot}; branches and SRAM are restored through
     * {@link #deployed()} and {@link #sram()}). Package-private: only the snapshot codec sets state.
     */
    void restoreBackbone(HybridNetwork restoredNetwork, FeatureNormalizer restoredNormalizer, BackboneSpec spec,
                         List<SimRecord> slice, String digest) {
        network = restoredNetwork;
        normalizer = restoredNormalizer;
        backboneSpec = spec;
        backboneSlice = List.copyOf(slice);
        backboneDigest = digest;
    }

    private void requireBackbone() {
        if (network == null) {
            throw new IllegalStateException("train the backbone first");
        }
    }

    static List<SimRecord> sorted(List<SimRecord> records) {
        List<SimRecord> s = new ArrayList<>(records);
        s.sort(Comparator.comparing(SimRecord::recordId));
        Set<String> seen = new HashSet<>();
        for (SimRecord r : s) {
            if (!seen.add(r.recordId())) {
                throw new IllegalArgumentException("duplicate record id " + r.recordId());
            }
        }
        return List.copyOf(s);
    }

    static List<String> sortedIds(Set<String> ids) {
        return ids.stream().sorted().toList();
    }

    private void requireKnownLabels(List<SimRecord> records, List<String> classes, String what) {
        int limit = task.objective() == Objective.DENOISE ? task.ownerSlots() : Integer.MAX_VALUE;
        if (classes.size() > limit) {
            throw new SimConfigException("newClasses", "more style owners than the " + limit + " conditioning slots");
        }
        for (SimRecord r : records) {
            if (!classes.contains(r.label())) {
                throw new IllegalArgumentException(what + ": record " + r.recordId() + " has label '" + r.label()
                        + "' which is not among the classes " + classes);
            }
        }
    }
}
