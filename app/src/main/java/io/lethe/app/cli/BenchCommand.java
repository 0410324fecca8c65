package io.lethe.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.app.LetheNode;
import io.lethe.producer.SubjectKeyClient;

import java.net.URI;
import io.lethe.app.ServiceSettings;
import io.lethe.app.bench.Benchmarks;
import io.lethe.app.infra.EmbeddedInfrastructure;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.InfrastructureFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code lethe bench [--json]}: the benchmark suite on a fresh embedded stack (or the external one
 * from the environment). Every figure is reported with a baseline measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark suite; every figure is a ratio to a baseline measured in the same run.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--commands", defaultValue = "2000",
            description = "One-record commands sent at once (default ${DEFAULT-VALUE}).")
    int commands;

    @Option(names = "--bulk-commands", defaultValue = "20",
            description = "1,000-record commands sent at once (default ${DEFAULT-VALUE}).")
    int bulkCommands;

    @Option(names = "--rate", defaultValue = "1000",
            description = "Commands per second offered in the steady part, open loop (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10",
            description = "How long the steady rate is held (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--only", split = ",", description = "Run only these parts: ${COMPLETION-CANDIDATES} (default: all).")
    Set<Benchmarks.Part> only = EnumSet.allOf(Benchmarks.Part.class);

    @Override
    public Integer call() throws Exception {
        if (commands < 1 || bulkCommands < 1 || rate < 1 || seconds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--commands, --bulk-commands, --rate and --seconds must be at least 1");
        }
        if (json) {
            JsonStdout.print(this::report);
        } else {
            System.out.println(report());
        }
        return 0;
    }

    /** The report; the stack is stopped before it is returned, so its shutdown lines come before it, on stderr. */
    private String report() throws Exception {
        Path dataDir = Files.createTempDirectory("lethe-bench");
        Map<String, String> env = System.getenv();
        LedgerSecret secret = LedgerSecret.generate();
        try (Infrastructure infrastructure = InfrastructureFactory.create(env, dataDir, 0, 0);
             LetheNode node = LetheNode.start(infrastructure, env, 0, "bench", secret);
             HikariDataSource db = ServiceSettings.dataSource(infrastructure, "bench", 3)) {
            URI base = URI.create("http://127.0.0.1:" + node.httpPort());
            return new Benchmarks(infrastructure, db, new SubjectKeyClient(base, "bench"), secret,
                    base.resolve("/metrics"), infrastructure instanceof EmbeddedInfrastructure
                            ? java.util.Optional.of(dataDir.resolve("postgres")) : java.util.Optional.empty())
                    .run(new Benchmarks.Load(commands, bulkCommands, rate, seconds), only, json);
        }
    }
}
