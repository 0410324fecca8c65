package io.lethe.sim.device;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between Java arrays and ND4J's native buffers in one JNI call each way. {@code Nd4j.createFromArray} and
 * {@code data().asDouble()} copy element by element through the buffer's indexer, which took a fifth of a 32x256x128
 * MVM's CPU time; the values are the same either way.
 */
final class NativeArrays {

    private NativeArrays() {
    }

    /** A new row-major DOUBLE array of {@code shape} holding {@code values}. */
    static INDArray of(double[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        ((DoublePointer) a.data().pointer()).put(values, 0, values.length);
        return a;
    }

    /** A new row-major DOUBLE array of {@code shape} holding the first {@code length} of {@code values}. */
    static INDArray ofPrefix(double[] values, int length, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        if (a.length() != length) {
            throw new IllegalArgumentException(a.length() + " values expected, " + length + " given");
        }
        ((DoublePointer) a.data().pointer()).put(values, 0, length);
        return a;
    }

    /** Overwrites the values of {@code target} (row-major, DOUBLE, not a view) with {@code values}. */
    static void put(INDArray target, double[] values) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException(target.length() + " values expected, " + values.length + " given");
        }
        ((DoublePointer) target.data().pointer()).put(values, 0, values.length);
    }

    /**
     * Copies the values of {@code m} in row-major order into the start of {@code into}: one JNI copy when {@code m} is a DOUBLE
     * array laid out row-major without gaps (a view of that kind too, read from its offset), else through a copy.
     */
    static void valuesInto(INDArray m, double[] into) {
        if (into.length < m.length()) {
            throw new IllegalArgumentException("room for " + into.length + " values, " + m.length() + " given");
        }
        int length = Math.toIntExact(m.length());
        boolean contiguous = m.ordering() == 'c' && m.dataType() == DataType.DOUBLE
                && Shape.hasDefaultStridesForShape(m);
        if (!contiguous) {
            System.arraycopy(values(m), 0, into, 0, length);
            return;
        }
        DoublePointer p = new DoublePointer(m.data().pointer());
        p.position(m.offset()).get(into, 0, length);
    }

    /** The values of {@code m} in row-major order (a copy). */
    static double[] values(INDArray m) {
        boolean plain = m.ordering() == 'c' && !m.isView() && m.offset() == 0 && m.dataType() == DataType.DOUBLE
                && Shape.hasDefaultStridesForShape(m);
        INDArray c = plain ? m : m.castTo(DataType.DOUBLE).dup('c');
        double[] v = new double[Math.toIntExact(c.length())];
        ((DoublePointer) c.data().pointer()).get(v, 0, v.length);
        return v;
    }
}
