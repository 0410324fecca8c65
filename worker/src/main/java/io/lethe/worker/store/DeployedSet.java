package io.lethe.worker.store;

import java.util.Map;

/**
 * The branch set deployed on a model's device.
 *
 * @param version  the deployed version
 * @param resident component id to weights digest, backbone included
 */
public record DeployedSet(int version, Map<String, String> resident) {

    public DeployedSet {
        resident = Map.copyOf(resident);
    }

    /** Nothing deployed yet: an empty SRAM. */
    public static DeployedSet none() {
        return new DeployedSet(0, Map.of());
    }
}
