package io.lethe.sim.device;

/** How a signed weight becomes conductance(s). */
public enum MappingScheme {
    /** One cell per weight, linear around a mid conductance: the paper preset (zero at 50 uS in [20, 80] uS). */
    OFFSET_LINEAR,
    /** Two cells per weight (G+ carries positive, G- negative parts, both from gMin); twice the cells. */
    DIFFERENTIAL_PAIR
}
