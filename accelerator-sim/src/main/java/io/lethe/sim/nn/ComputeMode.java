package io.lethe.sim.nn;

/** Where the backbone's matrix products run. */
public enum ComputeMode {
    /** Exact fp32-style arithmetic on the off-chip host (backbone training). */
    FLOAT,
    /** Through the programmed analogue crossbars: DAC, conductances with read noise, ADC. */
    ANALOG
}
