package io.lethe.sim.cost;

/** Every operation the cost model prices. Each has one row in the preset's cost table. */
public enum Operation {
    /** One cell contributing one multiply-accumulate to an analogue MVM. */
    CELL_READ,
    /** One input value driven onto one tile's rows. */
    DAC_CONVERSION,
    /** One column partial sum digitised by one tile. */
    ADC_CONVERSION,
    /** One potentiating programming pulse. */
    SET_PULSE,
    /** One depressing programming pulse. */
    RESET_PULSE,
    /** One read-back of one cell during write-verify. */
    VERIFY_READ,
    /** One byte read from the LoRA SRAM buffer. */
    SRAM_READ_BYTE,
    /** One byte written to the LoRA SRAM buffer (attach, detach/zeroise, weight update). */
    SRAM_WRITE_BYTE,
    /** One INT8 x INT8 multiply with 32-bit accumulation in the digital unit. */
    DIGITAL_MAC,
    /** One fp32 multiply-accumulate on the off-chip host (backbone training). */
    HOST_FP32_MAC
}
