package io.lethe.sim.device;

import static io.lethe.sim.SimConfigException.requireNonNegative;
import static io.lethe.sim.SimConfigException.requirePositive;

import io.lethe.sim.SimConfigException;

/**
 * The analogue array and device parameters (conductances in microsiemens). Validated on construction;
 * a bad value fails with a {@link SimConfigException} naming the field.
 *
 * @param tileRows crossbar rows per tile (inputs); layers with more inputs span several tiles
 * @param tileCols crossbar columns per tile (outputs)
 * @param gMin lower end of the programming window
 * @param gMax upper end of the programming window
 * @param gZero conductance representing weight 0 in {@link MappingScheme#OFFSET_LINEAR}
 * @param mapping weight-to-conductance scheme
 * @param initialConductance the state a fresh (formed, reset) cell starts from
 * @param coarsePulseStep nominal conductance change of one SET/RESET pulse far from the target
 * @param finePulseStep nominal change of one pulse once within {@code fineThreshold} of the target
 * @param fineThreshold distance to target below which fine pulses are used
 * @param deviceToDeviceSigma relative spread of each cell's pulse response (fixed per cell)
 * @param cycleToCycleSigma relative spread of each single pulse
 * @param readNoiseSigma relative read noise (fraction of the cell's conductance) on verify reads and MVMs
 * @param tolerance write-verify acceptance band, +- around the target
 * @param maxIterations maximum pulses per cell before it is declared non-converged
 * @param dacBits input DAC resolution (signed)
 * @param adcBits output ADC resolution (signed)
 * @param adcFullScaleFraction ADC full scale as a fraction of a tile column's largest possible partial sum
 * @param driftNu conductance drift exponent, {@code g(t) = g (t/t0)^-nu}; 0 disables drift
 * @param driftSeconds time since programming at which inference happens
 */
public record DeviceConfig(
        int tileRows, int tileCols,
        double gMin, double gMax, double gZero,
        MappingScheme mapping,
        double initialConductance,
        double coarsePulseStep, double finePulseStep, double fineThreshold,
        double deviceToDeviceSigma, double cycleToCycleSigma, double readNoiseSigma,
        double tolerance, int maxIterations,
        int dacBits, int adcBits, double adcFullScaleFraction,
        double driftNu, double driftSeconds) {

    /** Reference time t0 of the drift law (aihwkit PCMLikeNoiseModel uses 20 s). */
    public static final double DRIFT_T0_SECONDS = 20.0;

    public DeviceConfig {
        requirePositive("tileRows", tileRows);
        requirePositive("tileCols", tileCols);
        requireNonNegative("gMin", gMin);
        if (!(gMax > gMin)) {
            throw new SimConfigException("gMax", "must exceed gMin (" + gMin + "), was " + gMax);
        }
        if (!(gZero > gMin && gZero < gMax)) {
            throw new SimConfigException("gZero", "must lie strictly inside [gMin, gMax], was " + gZero);
        }
        if (mapping == null) {
            throw new SimConfigException("mapping", "must be OFFSET_LINEAR or DIFFERENTIAL_PAIR");
        }
        if (!(initialConductance >= gMin && initialConductance <= gMax)) {
            throw new SimConfigException("initialConductance", "must lie inside [gMin, gMax]");
        }
        requirePositive("coarsePulseStep", coarsePulseStep);
        requirePositive("finePulseStep", finePulseStep);
        requireNonNegative("fineThreshold", fineThreshold);
        requireNonNegative("deviceToDeviceSigma", deviceToDeviceSigma);
        requireNonNegative("cycleToCycleSigma", cycleToCycleSigma);
        requireNonNegative("readNoiseSigma", readNoiseSigma);
        requirePositive("tolerance", tolerance);
        requirePositive("maxIterations", maxIterations);
        requireBits("dacBits", dacBits);
        requireBits("adcBits", adcBits);
        requirePositive("adcFullScaleFraction", adcFullScaleFraction);
        requireNonNegative("driftNu", driftNu);
        requireNonNegative("driftSeconds", driftSeconds);
    }

    private static void requireBits(String field, int bits) {
        if (bits < 2 || bits > 24) {
            throw new SimConfigException(field, "must be between 2 and 24, was " + bits);
        }
    }

    /** A copy with another tile size. */
    public DeviceConfig withTile(int rows, int cols) {
        return new DeviceConfig(rows, cols, gMin, gMax, gZero, mapping, initialConductance, coarsePulseStep,
                finePulseStep, fineThreshold, deviceToDeviceSigma, cycleToCycleSigma, readNoiseSigma, tolerance,
                maxIterations, dacBits, adcBits, adcFullScaleFraction, driftNu, driftSeconds);
    }

    /** A copy with another mapping scheme. */
    public DeviceConfig withMapping(MappingScheme scheme) {
        return new DeviceConfig(tileRows, tileCols, gMin, gMax, gZero, scheme, initialConductance, coarsePulseStep,
                finePulseStep, fineThreshold, deviceToDeviceSigma, cycleToCycleSigma, readNoiseSigma, tolerance,
                maxIterations, dacBits, adcBits, adcFullScaleFraction, driftNu, driftSeconds);
    }

    /** A copy with drift enabled at the given exponent and time. */
    public DeviceConfig withDrift(double nu, double seconds) {
        return new DeviceConfig(tileRows, tileCols, gMin, gMax, gZero, mapping, initialConductance, coarsePulseStep,
                finePulseStep, fineThreshold, deviceToDeviceSigma, cycleToCycleSigma, readNoiseSigma, tolerance,
                maxIterations, dacBits, adcBits, adcFullScaleFraction, nu, seconds);
    }
}
