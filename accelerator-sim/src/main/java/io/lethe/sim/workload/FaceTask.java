package io.lethe.sim.workload;

import io.lethe.sim.data.PgmImage;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Face recognition on ORL: each subject is a data subject and a class. Images (23x28 PGM) are area-resized
 * to 16x16 as in the paper's code; the model is an MLP 256 -> 128 -> classes with LoRA on both layers.
 */
public final class FaceTask implements TaskDefinition {

    private static final int SIDE = 16;

    @Override
    public String name() {
        return "face";
    }

    @Override
    public Objective objective() {
        return Objective.CLASSIFY;
    }

    @Override
    public int featureSize() {
        return SIDE * SIDE;
    }

    @Override
    public double[] features(SimRecord record) {
        return PgmImage.parse(record.payload()).resized(SIDE, SIDE);
    }

    @Override
    public int[] hiddenSizes() {
        return new int[] {128};
    }

    @Override
    public Hyperparameters backboneHyperparameters() {
        return new Hyperparameters(40, 0.005, 32, 16);
    }

    @Override
    public Hyperparameters branchHyperparameters() {
        return new Hyperparameters(30, 0.01, 32, 16);
    }

    /** Records {@code orl:s<subject>/<image>.pgm} labelled {@code s<subject>}. */
    public static List<SimRecord> records(SampleSource source, List<Integer> subjects, List<Integer> images) {
        List<SimRecord> out = new ArrayList<>();
        for (int s : subjects) {
            for (int i : images) {
                String id = "orl:s" + s + "/" + i + ".pgm";
                out.add(new SimRecord(id, "s" + s, source.require(id)));
            }
        }
        return out;
    }
}
