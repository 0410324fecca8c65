/**
 * Binary snapshots of a simulated accelerator's state (programmed tiles, LoRA branches, SRAM), so a
 * model can be continued by another process without retraining: {@code io.lethe.sim.model.SimModelSnapshot}
 * is the entry point; this package holds the bit-exact reader and writer it uses.
 */
package io.lethe.sim.snapshot;
