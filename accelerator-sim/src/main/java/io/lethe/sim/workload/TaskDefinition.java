package io.lethe.sim.workload;

import io.lethe.sim.data.SimRecord;
import io.lethe.sim.nn.Hyperparameters;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the simulator needs to know about a workload: how to turn a record's payload into features, the
 * network shape, and sensible default hyperparameters. Feature extraction is record-local (no statistics
 * across records), so a forgotten record leaves no trace in another record's features.
 */
public interface TaskDefinition {

    /** {@code face}, {@code speaker} or {@code image}. */
    String name();

    Objective objective();

    /** Length of {@link #features(SimRecord)}. */
    int featureSize();

    /** Features of one record (classification features, or the clean styled image for DENOISE). */
    double[] features(SimRecord record);

    /** Hidden layer widths of the backbone MLP. */
    int[] hiddenSizes();

    /** LoRA-adapted backbone layers by index. */
    default List<Integer> loraLayers(int layerCount) {
        // Every workload here adapts every layer of its small MLP.
        return IntStream.range(0, layerCount).boxed().toList();
    }

    Hyperparameters backboneHyperparameters();

    Hyperparameters branchHyperparameters();

    /** DENOISE only: the digit (conditioning) of a record. */
    default int digit(SimRecord record) {
        throw new UnsupportedOperationException(name() + " has no digit conditioning");
    }

    /** DENOISE only: maximum number of style-owner slots in the conditioning vector. */
    default int ownerSlots() {
        return 0;
    }

    /** DENOISE only: which style each generated image (one per row) shows, by the task's style classifier. */
    default List<String> judgeStyles(org.nd4j.linalg.api.ndarray.INDArray images) {
        throw new UnsupportedOperationException(name() + " has no style judge");
    }
}
