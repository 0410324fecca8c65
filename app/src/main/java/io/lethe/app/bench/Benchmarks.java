package io.lethe.app.bench;

import io.lethe.samples.BundledSamples;
import io.lethe.app.infra.Infrastructure;
import io.lethe.producer.SubjectKeyClient;
import io.lethe.sim.bench.SimBench;
import io.lethe.sim.data.SampleSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The suite behind {@code lethe bench}. */
public final class Benchmarks {

    private final Infrastructure infrastructure;
    private final DataSource dataSource;
    private final SubjectKeyClient keys;

    /** @param keys the node's subject keys, with which the ingest benchmark seals its payloads as producers must */
    public Benchmarks(Infrastructure infrastructure, DataSource dataSource, SubjectKeyClient keys) {
        this.infrastructure = infrastructure;
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** The parts of the suite, each runnable alone ({@code lethe bench --only ingest}). */
    public enum Part { INGEST, LOG, SIM }

    public String run(int commands, Set<Part> parts, boolean json) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        if (parts.contains(Part.INGEST)) {
            IngestBench ingest = new IngestBench(infrastructure, dataSource, keys);
            ingest.run(Math.max(100, commands / 10)); // warm-up: JIT, connection pools, consumer groups
            results.addAll(ingest.run(commands));
        }
        if (parts.contains(Part.LOG)) {
            results.addAll(new LogBench().run());
        }
        if (parts.contains(Part.SIM)) {
            results.addAll(sim());
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
        return json ? BenchReport.json(results, machine) : BenchReport.table(results, machine);
    }

    private static List<BenchResult> sim() {
        List<BenchResult> results = new ArrayList<>();
        for (SimBench.Result r : SimBench.run(SampleSource.of(BundledSamples::read, BundledSamples::file))) {
            // Times become rates, so that above 1 means faster than the baseline, as everywhere else.
            results.add(new BenchResult("sim-" + r.name(), "runs/s", 1000 / r.subjectMillis(), r.note(),
                    1000 / r.baselineMillis(), Map.of("millis", r.subjectMillis(), "baselineMillis", r.baselineMillis())));
        }
        return results;
    }
}
