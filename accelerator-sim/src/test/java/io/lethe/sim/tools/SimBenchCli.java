package io.lethe.sim.tools;

import io.lethe.sim.TestData;
import io.lethe.sim.bench.SimBench;

/** Developer entry point for the simulator benchmarks on the bundled data (no timings in unit tests). */
public final class SimBenchCli {

    private SimBenchCli() {
    }

    public static void main(String[] args) {
        SimBench.run(TestData.bundled()).forEach(System.out::println);
    }
}
