package io.lethe.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time per command, by who spent it: the node's pipeline threads (the stack runs in the bench's own JVM),
 * the embedded broker, and the embedded PostgreSQL's processes. Unlike wall times, CPU times barely change
 * when other work on the machine takes the cores, so they say what a command costs on a busy machine too.
 */
final class CpuTimes {

    /** Thread name prefixes, in the order reported; a thread matching none counts as {@code other}. */
    private static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("lethe-command-intake", "intake"),
            Map.entry("EventProcessor[lethe-kafka-publisher]", "publisher"),
            Map.entry("lethe-event-consumer", "query-consumer"),
            Map.entry("EventProcessor[", "axon-other-processors"),
            Map.entry("EmbeddedEventStore", "axon-event-store"),
            Map.entry("JettyServerThreadPool", "http"),
            Map.entry("lethe-worker", "worker"),
            Map.entry("lethe-checkpoint-signer", "log-signer"),
            Map.entry("lethe-kafka-metrics-", "metrics"),
            Map.entry("kafka-producer-network-thread", "kafka-clients"),
            Map.entry("kafka-coordinator-heartbeat-thread", "kafka-clients"),
            Map.entry("data-plane-kafka", "kafka-broker"),
            Map.entry("kafka-", "kafka-broker"),
            Map.entry("group-coordinator", "kafka-broker"),
            Map.entry("quorum-controller", "kafka-broker"),
            Map.entry("ExpirationReaper", "kafka-broker"),
            Map.entry("bench-", "bench"),
            Map.entry("main", "bench"));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Optional<Path> postgresDataDir;
    private final Set<Long> benchBackends = ConcurrentHashMap.newKeySet();

    /** @param postgresDataDir the embedded PostgreSQL's data directory, to find its processes; empty for an external one */
    CpuTimes(Optional<Path> postgresDataDir) {
        this.postgresDataDir = postgresDataDir;
    }

    /** CPU nanoseconds so far, per group. */
    Map<String, Long> sample() {
        Map<String, Long> nanos = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                nanos.merge(groupOf(info.getThreadName()), cpu, Long::sum);
            }
        }
        postgresDataDir.ifPresent(dir -> nanos.putAll(postgresNanos(dir.toString())));
        return nanos;
    }

    /**
     * Counts the PostgreSQL backend serving {@code connection} as the bench's ({@code bench-postgres}) instead of the
     * node's: the projection watchers' lookups are the measurement's cost, not the commands'.
     */
    void countAsBench(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            benchBackends.add(rs.getLong(1));
        }
    }

    /** {@code cpuMicrosPerCommand.<group>} between two samples. */
    static Map<String, Double> perCommand(Map<String, Long> before, Map<String, Long> after, int commands) {
        Map<String, Double> micros = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> group : after.entrySet()) {
            long spent = Math.max(0, group.getValue() - before.getOrDefault(group.getKey(), 0L));
            total += spent;
            micros.put("cpuMicrosPerCommand." + group.getKey(), spent / 1e3 / commands);
        }
        micros.put("cpuMicrosPerCommand.total", total / 1e3 / commands);
        return micros;
    }

    static String groupOf(String threadName) {
        return GROUPS.stream().filter(g -> threadName.startsWith(g.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("other");
    }

    /**
     * The postmaster started on this data directory and its backends (Linux and macOS report their CPU time), as
     * {@code postgres} and, for the backends of {@link #countAsBench}, {@code bench-postgres}.
     */
    private Map<String, Long> postgresNanos(String dataDir) {
        Map<String, Long> nanos = new TreeMap<>(Map.of("postgres", 0L, "bench-postgres", 0L));
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dataDir)).orElse(false))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .forEach(p -> nanos.merge(benchBackends.contains(p.pid()) ? "bench-postgres" : "postgres",
                        p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L), Long::sum));
        return nanos;
    }
}
