package io.lethe.sim.snapshot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads what {@link SnapshotOutput} wrote; truncated or corrupt input fails with {@link SnapshotFormatException}. */
public final class SnapshotInput {

    /** Guards against absurd lengths in corrupt input before allocating. */
    private static final int MAX_LENGTH = 1 << 28;
    private final ByteBuffer in;

    public SnapshotInput(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    public int readInt() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw new SnapshotFormatException("snapshot is truncated");
        }
    }

    public long readLong() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new SnapshotFormatException("snapshot is truncated");
        }
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBoolean() {
        try {
            return in.get() != 0;
        } catch (BufferUnderflowException e) {
            throw new SnapshotFormatException("snapshot is truncated");
        }
    }

    public String readString() {
        return readBoolean() ? new String(readBytes(), StandardCharsets.UTF_8) : null;
    }

    public List<String> readStrings() {
        int n = length();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strings.add(readString());
        }
        return strings;
    }

    public byte[] readBytes() {
        byte[] b = new byte[length()];
        try {
            in.get(b);
        } catch (BufferUnderflowException e) {
            throw new SnapshotFormatException("snapshot is truncated");
        }
        return b;
    }

    public double[] readDoubles() {
        if (!readBoolean()) {
            return null;
        }
        double[] v = new double[length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = readDouble();
        }
        return v;
    }

    public INDArray readArray() {
        if (!readBoolean()) {
            return null;
        }
        long[] shape = new long[readInt()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = readLong();
            size *= shape[i];
        }
        if (size < 0 || size > MAX_LENGTH) {
            throw new SnapshotFormatException("array of " + size + " values in a snapshot");
        }
        double[] v = new double[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = readDouble();
        }
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE).reshape('c', shape);
    }

    public INDArray[] readArrays() {
        if (!readBoolean()) {
            return null;
        }
        INDArray[] arrays = new INDArray[length()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = readArray();
        }
        return arrays;
    }

    /** Fails unless every byte was read: a snapshot with trailing bytes is not one we wrote. */
    public void requireEnd() {
        if (in.hasRemaining()) {
            throw new SnapshotFormatException(in.remaining() + " unexpected trailing bytes in snapshot");
        }
    }

    private int length() {
        int n = readInt();
        if (n < 0 || n > MAX_LENGTH) {
            throw new SnapshotFormatException("invalid length " + n + " in snapshot");
        }
        return n;
    }
}
