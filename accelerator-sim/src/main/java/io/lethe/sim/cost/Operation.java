package io.lethe.sim.cost;

/** Every operation the cost model prices. Each has one row in the preset's cost table. */
public enum Operation {
    /** One cell contributing one multiply-accumulate to an analogue MVM. */
    CELL_READ,
    /**
     * Charging one 128-cell row or column line of one tile to the read voltage, once per MVM (and per verify
     * read): the bitline/wordline capacitance that the V^2 G t of {@link #CELL_READ} leaves out.
     */
    LINE_CHARGE,
    /** The integrator / sample-and-hold front end of one column ahead of its ADC, once per conversion. */
    INTEGRATOR,
    /** One input value driven onto one tile's rows. */
    DAC_CONVERSION,
    /** One column partial sum digitised by one tile. */
    ADC_CONVERSION,
    /** One potentiating programming pulse. */
    SET_PULSE,
    /** One depressing programming pulse. */
    RESET_PULSE,
    /**
     * The write driver and charge pump behind one SET or RESET pulse: the energy drawn from the supply
     * beyond what the cell itself dissipates (counted once per pulse).
     */
    WRITE_DRIVER,
    /** One read-back of one cell during write-verify. */
    VERIFY_READ,
    /** One byte read from the LoRA SRAM buffer. */
    SRAM_READ_BYTE,
    /** One byte written to the LoRA SRAM buffer (attach, detach/zeroise, weight update). */
    SRAM_WRITE_BYTE,
    /**
     * One optimiser step's state traffic for one trainable parameter: Adam's first and second moments and the
     * high-precision master weight read from and written back to SRAM.
     */
    OPTIMISER_STATE_UPDATE,
    /** One INT8 x INT8 multiply with 32-bit accumulation in the digital unit. */
    DIGITAL_MAC,
    /** One fp32 multiply-accumulate on the off-chip host (backbone training). */
    HOST_FP32_MAC
}
