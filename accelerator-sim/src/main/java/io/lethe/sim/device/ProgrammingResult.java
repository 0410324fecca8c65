package io.lethe.sim.device;

/**
 * What one write-verify programming pass did.
 *
 * @param cellsTargeted cells the pass tried to program
 * @param setPulses potentiating pulses applied
 * @param resetPulses depressing pulses applied
 * @param verifyReads read-backs performed
 * @param nonConverged cells still outside tolerance after the maximum number of iterations
 * @param pulseHistogram {@code pulseHistogram[k]} = number of targeted cells that received exactly k pulses
 * @param rmsErrorMicroSiemens root-mean-square difference between programmed and target conductance
 */
public record ProgrammingResult(long cellsTargeted, long setPulses, long resetPulses, long verifyReads,
                                long nonConverged, long[] pulseHistogram, double rmsErrorMicroSiemens) {

    /** All pulses, SET and RESET. */
    public long totalPulses() {
        return setPulses + resetPulses;
    }

    /** Mean pulses per targeted cell. */
    public double meanPulsesPerCell() {
        return cellsTargeted == 0 ? 0 : (double) totalPulses() / cellsTargeted;
    }

    /** Sums two passes (histograms added bin by bin; RMS combined by cell count). */
    public ProgrammingResult plus(ProgrammingResult o) {
        long[] h = new long[Math.max(pulseHistogram.length, o.pulseHistogram.length)];
        for (int i = 0; i < h.length; i++) {
            h[i] = (i < pulseHistogram.length ? pulseHistogram[i] : 0) + (i < o.pulseHistogram.length ? o.pulseHistogram[i] : 0);
        }
        long cells = cellsTargeted + o.cellsTargeted;
        double ms = cells == 0 ? 0 : (rmsErrorMicroSiemens * rmsErrorMicroSiemens * cellsTargeted
                + o.rmsErrorMicroSiemens * o.rmsErrorMicroSiemens * o.cellsTargeted) / cells;
        return new ProgrammingResult(cells, setPulses + o.setPulses, resetPulses + o.resetPulses,
                verifyReads + o.verifyReads, nonConverged + o.nonConverged, h, Math.sqrt(ms));
    }

    /** A pass that touched nothing. */
    public static ProgrammingResult none() {
        return new ProgrammingResult(0, 0, 0, 0, 0, new long[0], 0);
    }
}
