package io.lethe.app.bench;

import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.samples.BundledSamples;
import io.lethe.app.infra.Infrastructure;
import io.lethe.producer.SubjectKeyClient;
import io.lethe.sim.bench.SimBench;
import io.lethe.sim.data.SampleSource;

import javax.sql.DataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The suite behind {@code lethe bench}. */
public final class Benchmarks {

    private final BenchTarget target;

    /**
     * @param keys    the node's subject keys, with which the ingest benchmark seals its payloads as producers must
     * @param secret  the node's ledger secret, to know the commitments the projection will show
     * @param metrics the node's {@code /metrics}, where the pipeline's stage timers are read
     * @param postgresDataDir the embedded PostgreSQL's data directory, whose processes' CPU time is counted;
     *                        empty for an external PostgreSQL
     */
    public Benchmarks(Infrastructure infrastructure, DataSource dataSource, SubjectKeyClient keys, LedgerSecret secret,
                      URI metrics, java.util.Optional<java.nio.file.Path> postgresDataDir) {
        this.target = new BenchTarget(infrastructure, dataSource, keys, secret, new StageTimes(metrics),
                new CpuTimes(postgresDataDir), new PostgresStatements(dataSource));
    }

    /** Records per bulk command: the most one {@code IngestRecords} may carry. */
    private static final int RECORDS_PER_BULK_COMMAND = 1_000;

    /** The parts of the suite, each runnable alone ({@code lethe bench --only ingest}). */
    public enum Part { INGEST, BULK, STEADY, LOG, SIM }

    /**
     * How much load the ingest parts offer.
     *
     * @param commands       one-record commands sent at once ({@code INGEST})
     * @param bulkCommands   1,000-record commands sent at once ({@code BULK})
     * @param perSecond      the steady rate ({@code STEADY})
     * @param steadySeconds  how long the steady rate is held, after a warm-up of up to 2 s
     */
    public record Load(int commands, int bulkCommands, int perSecond, int steadySeconds) {
    }

    public String run(Load load, Set<Part> parts, boolean json) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        IngestBench ingest = new IngestBench(target);
        if (parts.contains(Part.INGEST) || parts.contains(Part.BULK) || parts.contains(Part.STEADY)) {
            ingest.run(Math.max(100, load.commands() / 10)); // warm-up: JIT, connection pools, consumer groups
        }
        if (parts.contains(Part.INGEST)) {
            results.addAll(ingest.run(load.commands()));
        }
        if (parts.contains(Part.BULK)) {
            ingest.runBulk(2, RECORDS_PER_BULK_COMMAND); // warm-up of the large-message path
            results.addAll(ingest.runBulk(load.bulkCommands(), RECORDS_PER_BULK_COMMAND));
        }
        if (parts.contains(Part.STEADY)) {
            results.addAll(new SteadyLoadBench(target)
                    .run(load.perSecond(), load.steadySeconds()));
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
            Map<String, Double> details = new java.util.LinkedHashMap<>(r.details());
            details.put("millis", r.subjectMillis());
            details.put("baselineMillis", r.baselineMillis());
            results.add(new BenchResult("sim-" + r.name(), "runs/s", 1000 / r.subjectMillis(), r.note(),
                    1000 / r.baselineMillis(), details));
        }
        return results;
    }
}
