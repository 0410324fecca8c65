package io.lethe.sim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

class Nd4jSmokeTest {
    @Test
    void nativeBackendMultipliesMatrices() {
        var a = Nd4j.create(new double[][] {{1, 2}, {3, 4}}).castTo(DataType.DOUBLE);
        var b = a.mmul(a);
        System.out.println(Nd4j.getBackend().getClass() + " " + b + " " + Nd4j.getEnvironment().maxThreads());
        assertThat(b.getDouble(0, 0)).isEqualTo(7.0);
    }
}
