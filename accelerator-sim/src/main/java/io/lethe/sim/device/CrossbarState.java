package io.lethe.sim.device;

import io.lethe.sim.snapshot.SnapshotInput;
import io.lethe.sim.snapshot.SnapshotOutput;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes and reads an {@link AnalogCrossbar}'s full device state: conductance planes, the per-cell
 * device-to-device factors drawn when the cells were made, the mapping scale, the last programming
 * targets, the ADC calibration and (offset scheme) the programmed reference column with its factors. A restored crossbar behaves exactly like the captured one.
 */
public final class CrossbarState {

    private CrossbarState() {
    }

    public static void write(AnalogCrossbar crossbar, SnapshotOutput out) {
        out.writeInt(crossbar.rows()).writeInt(crossbar.cols());
        out.writeArrays(crossbar.conductances());
        out.writeArrays(crossbar.deviceFactorsCopy());
        out.writeDouble(crossbar.scale());
        out.writeArrays(crossbar.lastTargetsCopy());
        out.writeDoubles(crossbar.adcFullScaleCopy());
        out.writeArrays(crossbar.referenceStateCopy());
    }

    /** Reads a crossbar written by {@link #write}; {@code cfg} must be the device model it was programmed under. */
    public static AnalogCrossbar read(SnapshotInput in, DeviceConfig cfg) {
        int rows = in.readInt();
        int cols = in.readInt();
        INDArray[] planes = in.readArrays();
        INDArray[] factors = in.readArrays();
        double scale = in.readDouble();
        INDArray[] lastTargets = in.readArrays();
        double[] adc = in.readDoubles();
        INDArray[] reference = in.readArrays();
        return AnalogCrossbar.restored(cfg, rows, cols, planes, factors, scale, lastTargets, adc, reference);
    }
}
