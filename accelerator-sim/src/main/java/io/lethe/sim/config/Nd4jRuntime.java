package io.lethe.sim.config;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Puts ND4J into the mode the simulator needs: DOUBLE by default and one native thread (libnd4j's and OpenBLAS's). The arrays here
 * are small (tens of thousands of cells), so OpenMP fan-out costs more than it saves, and on a shared
 * 2-core machine it made training 10-20x slower; one thread also makes floating-point reduction order,
 * and hence every digest, independent of the machine's core count. JavaCPP's physical-memory check
 * ({@code org.bytedeco.javacpp.maxphysicalbytes}) runs on every native allocation and took a third of
 * the run time, so it is switched off unless the caller set it; it must be set before ND4J loads, which
 * is why every simulator entry point calls {@link #configure()} first.
 */
public final class Nd4jRuntime {

    private static volatile boolean configured;

    private Nd4jRuntime() {
    }

    /** Idempotent; called by every simulator entry point. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "0");
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        // OpenBLAS keeps its own pool (2 threads here) that the settings above do not reach; its threads spin while
        // they wait, so on 2 shared cores a 32x128x128 product took 80-640 us instead of about 70 us.
        Nd4j.factory().blas().setMaxThreads(1);
        configured = true;
    }
}
