package io.lethe.app.bench;

import io.lethe.app.infra.Infrastructure;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/** The suite behind {@code lethe bench}. */
public final class Benchmarks {

    private final Infrastructure infrastructure;
    private final DataSource dataSource;

    public Benchmarks(Infrastructure infrastructure, DataSource dataSource) {
        this.infrastructure = infrastructure;
        this.dataSource = dataSource;
    }

    public String run(int commands, boolean json) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        IngestBench ingest = new IngestBench(infrastructure, dataSource);
        ingest.run(Math.max(100, commands / 10)); // warm-up: JIT, connection pools, consumer groups
        results.add(ingest.run(commands));
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
        return json ? BenchReport.json(results, machine) : BenchReport.table(results, machine);
    }
}
