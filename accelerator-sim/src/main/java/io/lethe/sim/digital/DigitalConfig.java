package io.lethe.sim.digital;

import io.lethe.sim.SimConfigException;

/**
 * The digital LoRA unit.
 *
 * @param sramCapacityBytes size of the SRAM buffer that holds every attached branch
 * @param weightBits fixed-point width of branch weights (8 = INT8); accumulation is 32-bit
 */
public record DigitalConfig(long sramCapacityBytes, int weightBits) {

    public DigitalConfig {
        if (sramCapacityBytes <= 0) {
            throw new SimConfigException("sramCapacityBytes", "must be positive, was " + sramCapacityBytes);
        }
        if (weightBits != 8) {
            throw new SimConfigException("weightBits", "only INT8 (8) is modelled, was " + weightBits);
        }
    }
}
