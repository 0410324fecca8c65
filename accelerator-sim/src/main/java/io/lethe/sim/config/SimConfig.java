package io.lethe.sim.config;

import io.lethe.sim.cost.CostTable;
import io.lethe.sim.device.DeviceConfig;
import io.lethe.sim.digital.DigitalConfig;

/**
 * Everything that parameterises the accelerator: the analogue device model, the digital unit and the
 * cost table, all from one preset file.
 *
 * @param presetName name of the preset, e.g. {@code paper-180nm}
 * @param device analogue array and device parameters
 * @param digital LoRA unit parameters
 * @param costs per-operation energy and latency
 */
public record SimConfig(String presetName, DeviceConfig device, DigitalConfig digital, CostTable costs) {

    /** A copy with another device model (same digital unit and costs). */
    public SimConfig withDevice(DeviceConfig other) {
        return new SimConfig(presetName, other, digital, costs);
    }

    /** A copy with another digital unit. */
    public SimConfig withDigital(DigitalConfig other) {
        return new SimConfig(presetName, device, other, costs);
    }
}
