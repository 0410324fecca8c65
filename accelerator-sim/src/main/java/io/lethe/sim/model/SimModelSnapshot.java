package io.lethe.sim.model;

import io.lethe.sim.config.SimConfig;
import io.lethe.sim.cost.CostLedger;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.FeatureNormalizer;
import io.lethe.sim.nn.HybridNetwork;
import io.lethe.sim.nn.NetworkState;
import io.lethe.sim.nn.QuantizedBranch;
import io.lethe.sim.snapshot.SnapshotFormatException;
import io.lethe.sim.snapshot.SnapshotInput;
import io.lethe.sim.snapshot.SnapshotOutput;
import io.lethe.sim.workload.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A {@link SimModel}'s whole device state as bytes, so another process (a restarted or different worker)
 * continues the model bit for bit without retraining: programmed tiles with their device variation,
 * backbone master weights and normaliser, every attached branch (spec, INT8 weights, provenance) and the
 * SRAM contents.
 *
 * <p>Record payloads are deliberately not in the snapshot, only record ids: raw data stays in the vault
 * (and becomes unreadable when a subject's key is shredded). {@link #recordIds(byte[])} lists the ids a
 * restore asks for; records the lookup cannot supply are left out of the restored slices, so the caller
 * decides whether that is acceptable (it is for records being forgotten).
 *
 * <p>SRAM traffic counters restart at the restore's own attach writes; callers measure deltas.
 */
public final class SimModelSnapshot {

    private static final String MAGIC = "lethe-sim-snapshot";
    private static final int FORMAT = 1;

    private SimModelSnapshot() {
    }

    /** The model's state as bytes. */
    public static byte[] write(SimModel model) {
        SnapshotOutput out = new SnapshotOutput();
        out.writeString(MAGIC).writeInt(FORMAT).writeString(model.task().name());
        out.writeStrings(referencedIds(model));
        out.writeBoolean(model.network() != null);
        if (model.network() != null) {
            writeBackbone(model, out);
        }
        out.writeInt(model.deployed().size());
        model.deployed().values().forEach(d -> writeBranch(d, out));
        Set<String> resident = model.sram().residentBranches();
        List<String> residentInOrder = model.deployed().keySet().stream().filter(resident::contains).toList();
        out.writeStrings(residentInOrder);
        return out.toByteArray();
    }

    /** Every record id the model's slices name, sorted: what its snapshot will name. */
    public static Set<String> recordIds(SimModel model) {
        return referencedIds(model);
    }

    /** Every record id the snapshot's slices name, sorted: what a restore will look up. */
    public static Set<String> recordIds(byte[] snapshot) {
        SnapshotInput in = header(snapshot, null);
        return new TreeSet<>(in.readStrings());
    }

    /**
     * Restores a model. {@code task} must be the task it was captured for and {@code config} the accelerator
     * configuration it ran on; {@code records} resolves record ids (null = unavailable, left out of slices).
     */
    public static SimModel restore(byte[] snapshot, TaskDefinition task, SimConfig config,
                                   Function<String, SimRecord> records) {
        SnapshotInput in = header(snapshot, task.name());
        in.readStrings();
        SimModel model = SimModel.create(task, config);
        if (in.readBoolean()) {
            readBackbone(in, model, config, records);
        }
        int branches = in.readInt();
        for (int i = 0; i < branches; i++) {
            DeployedBranch d = readBranch(in, records);
            model.deployed().put(d.spec().branchId(), d);
        }
        for (String id : in.readStrings()) {
            DeployedBranch d = model.deployed().get(id);
            if (d == null) {
                throw new SnapshotFormatException("SRAM holds unknown branch " + id);
            }
            model.sram().attach(id, d.result().weights().sramImage(), new CostLedger());
        }
        in.requireEnd();
        return model;
    }

    private static SnapshotInput header(byte[] snapshot, String expectedTask) {
        SnapshotInput in = new SnapshotInput(snapshot);
        if (!MAGIC.equals(in.readString())) {
            throw new SnapshotFormatException("not a simulator snapshot");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new SnapshotFormatException("snapshot format " + format + " is not " + FORMAT);
        }
        String task = in.readString();
        if (expectedTask != null && !expectedTask.equals(task)) {
            throw new SnapshotFormatException("snapshot of a " + task + " model, not " + expectedTask);
        }
        return in;
    }

    private static Set<String> referencedIds(SimModel model) {
        Set<String> ids = new TreeSet<>();
        model.backboneSlice().forEach(r -> ids.add(r.recordId()));
        model.deployed().values().forEach(d -> d.slice().forEach(r -> ids.add(r.recordId())));
        return ids;
    }

    private static void writeBackbone(SimModel model, SnapshotOutput out) {
        BackboneSpec spec = model.backboneSpec();
        out.writeStrings(spec.classes()).writeLong(spec.seed());
        NetworkState.writeHyperparameters(spec.hyperparameters(), out);
        out.writeArray(model.normalizer().mean()).writeArray(model.normalizer().std());
        NetworkState.writeNetwork(model.network(), out);
        out.writeStrings(ids(model.backboneSlice()));
        out.writeString(model.backboneDigest());
    }

    private static void readBackbone(SnapshotInput in, SimModel model, SimConfig config,
                                     Function<String, SimRecord> records) {
        List<String> classes = in.readStrings();
        long seed = in.readLong();
        BackboneSpec spec = new BackboneSpec(classes, seed, NetworkState.readHyperparameters(in));
        var mean = in.readArray();
        var std = in.readArray();
        FeatureNormalizer normalizer = FeatureNormalizer.identity((int) mean.columns());
        normalizer.mean().assign(mean);
        normalizer.std().assign(std);
        HybridNetwork network = NetworkState.readNetwork(in, config.device());
        List<SimRecord> slice = resolve(in.readStrings(), records);
        model.restoreBackbone(network, normalizer, spec, slice, in.readString());
    }

    private static void writeBranch(DeployedBranch d, SnapshotOutput out) {
        writeSpec(d.spec(), out);
        out.writeStrings(ids(d.slice()));
        BranchResult r = d.result();
        writeSpec(r.spec(), out);
        out.writeStrings(r.sliceRecordIds()).writeString(r.backboneDigest()).writeStrings(r.stackedOn());
        NetworkState.writeBranch(r.weights(), out);
        out.writeString(r.digest()).writeDouble(r.finalLoss());
        NetworkState.writeLedger(r.cost(), out);
        out.writeLong(r.wallMillis());
    }

    private static DeployedBranch readBranch(SnapshotInput in, Function<String, SimRecord> records) {
        BranchSpec spec = readSpec(in);
        List<SimRecord> slice = resolve(in.readStrings(), records);
        BranchSpec resultSpec = readSpec(in);
        List<String> sliceIds = in.readStrings();
        String backboneDigest = in.readString();
        List<String> stackedOn = in.readStrings();
        QuantizedBranch weights = NetworkState.readBranch(in);
        String digest = in.readString();
        if (!weights.digest().equals(digest)) {
            throw new SnapshotFormatException("branch " + spec.branchId() + " weights do not match their digest");
        }
        BranchResult result = new BranchResult(resultSpec, sliceIds, backboneDigest, stackedOn, weights, digest,
                in.readDouble(), NetworkState.readLedger(in), in.readLong());
        return new DeployedBranch(spec, slice, result, weights.toBranch());
    }

    private static void writeSpec(BranchSpec spec, SnapshotOutput out) {
        out.writeString(spec.branchId()).writeInt(spec.rank()).writeLong(spec.seed());
        NetworkState.writeHyperparameters(spec.hyperparameters(), out);
        out.writeStrings(spec.newClasses()).writeString(spec.objective().name());
        out.writeStrings(new TreeSet<>(spec.forgetRecordIds()));
    }

    private static BranchSpec readSpec(SnapshotInput in) {
        String id = in.readString();
        int rank = in.readInt();
        long seed = in.readLong();
        var hp = NetworkState.readHyperparameters(in);
        List<String> newClasses = in.readStrings();
        BranchObjective objective = BranchObjective.valueOf(in.readString());
        return new BranchSpec(id, rank, seed, hp, newClasses, objective, Set.copyOf(in.readStrings()));
    }

    private static List<String> ids(List<SimRecord> records) {
        return records.stream().map(SimRecord::recordId).toList();
    }

    private static List<SimRecord> resolve(List<String> ids, Function<String, SimRecord> records) {
        List<SimRecord> resolved = new ArrayList<>();
        for (String id : ids) {
            SimRecord r = records.apply(id);
            if (r != null) {
                resolved.add(r);
            }
        }
        return resolved;
    }
}
