package io.lethe.sim.model;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.nn.Hyperparameters;
import java.util.List;

/**
 * How to train the backbone: its output classes (fixed, so removing every record of a class keeps the
 * shape), the seed, and the hyperparameters.
 */
public record BackboneSpec(List<String> classes, long seed, Hyperparameters hyperparameters) {

    public BackboneSpec {
        if (classes == null || classes.isEmpty()) {
            throw new SimConfigException("classes", "the backbone needs at least one class");
        }
        if (classes.stream().distinct().count() != classes.size()) {
            throw new SimConfigException("classes", "duplicate class names in " + classes);
        }
        classes = List.copyOf(classes);
    }

    /** Canonical text for digests and replay records. */
    public String canonical() {
        return "classes=" + String.join(",", classes) + ";seed=" + seed + ";" + hyperparameters.canonical();
    }
}
