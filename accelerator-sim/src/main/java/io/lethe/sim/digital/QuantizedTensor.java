package io.lethe.sim.digital;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An INT8 tensor with one symmetric per-tensor scale: {@code value = int8 * scale}. This is how branch
 * weights sit in SRAM and how they are hashed.
 *
 * @param name stable name of the tensor inside its branch (e.g. {@code L0.A})
 * @param rows rows
 * @param cols columns
 * @param values row-major INT8 codes
 * @param scale dequantisation scale (fp32)
 */
public record QuantizedTensor(String name, int rows, int cols, byte[] values, float scale) {

    /** Rounds a float tensor to INT8 with scale {@code max|x| / 127}. */
    public static QuantizedTensor of(String name, INDArray x) {
        double[] v = x.dup('c').reshape(-1).toDoubleVector();
        double max = 0;
        for (double d : v) {
            max = Math.max(max, Math.abs(d));
        }
        float scale = max == 0 ? 1f : (float) (max / 127.0);
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] / scale)));
        }
        return new QuantizedTensor(name, x.rows(), x.columns(), q, scale);
    }

    /** The dequantised values as a DOUBLE array. */
    public INDArray dequantised() {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] * (double) scale;
        }
        return Nd4j.createFromArray(v).reshape('c', rows, cols);
    }

    /** Bytes this tensor occupies in SRAM: one per weight plus a 4-byte scale. */
    public long sramBytes() {
        return values.length + 4L;
    }

    /** Canonical serialisation: name (UTF-8, length-prefixed), rows, cols, scale bits, codes; big-endian. */
    public byte[] canonicalBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeInt(n.length);
            out.write(n);
            out.writeInt(rows);
            out.writeInt(cols);
            out.writeInt(Float.floatToIntBits(scale));
            out.write(values);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
