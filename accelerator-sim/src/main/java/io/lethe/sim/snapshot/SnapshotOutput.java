package io.lethe.sim.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Big-endian binary writer for simulator snapshots. Doubles are written as their IEEE-754 bits, so a
 * restored array is bit-identical to the captured one (which is what keeps digests reproducible).
 */
public final class SnapshotOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public SnapshotOutput writeInt(int v) {
        return io(() -> out.writeInt(v));
    }

    public SnapshotOutput writeLong(long v) {
        return io(() -> out.writeLong(v));
    }

    public SnapshotOutput writeDouble(double v) {
        return io(() -> out.writeLong(Double.doubleToRawLongBits(v)));
    }

    public SnapshotOutput writeBoolean(boolean v) {
        return io(() -> out.writeBoolean(v));
    }

    /** A nullable UTF-8 string. */
    public SnapshotOutput writeString(String s) {
        writeBoolean(s != null);
        return s == null ? this : writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public SnapshotOutput writeStrings(Collection<String> strings) {
        writeInt(strings.size());
        strings.forEach(this::writeString);
        return this;
    }

    /** Length-prefixed bytes. */
    public SnapshotOutput writeBytes(byte[] b) {
        writeInt(b.length);
        return io(() -> out.write(b));
    }

    /** A nullable double array. */
    public SnapshotOutput writeDoubles(double[] values) {
        writeBoolean(values != null);
        if (values != null) {
            writeInt(values.length);
            for (double v : values) {
                writeDouble(v);
            }
        }
        return this;
    }

    /** A nullable array: shape, then the values in C order. */
    public SnapshotOutput writeArray(INDArray a) {
        writeBoolean(a != null);
        if (a == null) {
            return this;
        }
        long[] shape = a.shape();
        writeInt(shape.length);
        for (long d : shape) {
            writeLong(d);
        }
        for (double v : a.dup('c').reshape(-1).toDoubleVector()) {
            writeDouble(v);
        }
        return this;
    }

    /** A nullable array of arrays. */
    public SnapshotOutput writeArrays(INDArray[] arrays) {
        writeBoolean(arrays != null);
        if (arrays != null) {
            writeInt(arrays.length);
            for (INDArray a : arrays) {
                writeArray(a);
            }
        }
        return this;
    }

    public byte[] toByteArray() {
        io(out::flush);
        return bytes.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private SnapshotOutput io(IoAction action) {
        try {
            action.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
