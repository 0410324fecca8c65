package io.lethe.sim.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/** SHA-256 over canonical bytes: UTF-8 text and arrays as shape plus big-endian IEEE-754 doubles. */
final class Digests {

    private final MessageDigest sha;

    Digests() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Digests text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
        return this;
    }

    Digests array(INDArray a) {
        double[] v = a.dup('c').reshape(-1).toDoubleVector();
        ByteBuffer buf = ByteBuffer.allocate(16 + 8 * v.length);
        buf.putLong(a.rows()).putLong(a.columns());
        for (double d : v) {
            buf.putDouble(d);
        }
        sha.update(buf.array());
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
