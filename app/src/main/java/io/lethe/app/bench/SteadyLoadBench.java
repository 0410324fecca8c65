package io.lethe.app.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code lethe bench --rate N}: one-record ingests offered at a fixed rate (open loop, see {@link OpenLoop}),
 * with p50/p99 from each command's due time to its reply and to its projection (its record_subjects row,
 * looked up by commitment every {@value #PROJECTION_POLL_MILLIS} ms); against raw Kafka produce+consume
 * at the same rate, measured the same way in the same run.
 */
final class SteadyLoadBench {

    static final int PROJECTION_POLL_MILLIS = 5;
    static final int WATCH_WINDOW = 256;
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final BenchTarget target;

    SteadyLoadBench(BenchTarget target) {
        this.target = target;
    }

    /** What one steady run measured. */
    private record Outcome(Latencies toReply, Latencies toProjection, double maxSendDelayMillis) {
    }

    List<BenchResult> run(int perSecond, int seconds) throws Exception {
        run(BenchCommands.of(target.keys(), target.secret(), perSecond * Math.min(2, seconds), 1), perSecond); // warm-up, discarded
        int commands = perSecond * seconds;
        BenchCommands.Run commandRun = BenchCommands.of(target.keys(), target.secret(), commands, 1);
        StageTimes.Scrape before = target.stages().scrape();
        Map<String, Long> cpuBefore = target.cpu().sample();
        Map<String, Double> statementsBefore = target.statements().sample();
        Outcome lethe = run(commandRun, perSecond);
        StageTimes.Scrape after = target.stages().scrape();
        Map<String, Long> cpuAfter = target.cpu().sample();
        Map<String, Double> statementsAfter = target.statements().sample();
        Map<String, Long> cpuBeforeRaw = target.cpu().sample();
        Latencies raw = new RawKafkaBench(target.infrastructure()).runAtRate(perSecond, commands);
        Map<String, Long> cpuAfterRaw = target.cpu().sample();
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("offeredPerSecond", (double) perSecond);
        details.put("commands", (double) commands);
        details.put("p50CommandToReplyMillis", lethe.toReply().percentile(50));
        details.put("p99CommandToReplyMillis", lethe.toReply().percentile(99));
        details.put("p50CommandToProjectionMillis", lethe.toProjection().percentile(50));
        details.put("p99CommandToProjectionMillis", lethe.toProjection().percentile(99));
        details.put("maxCommandToProjectionMillis", lethe.toProjection().percentile(100));
        details.put("maxSendDelayMillis", lethe.maxSendDelayMillis());
        details.put("rawKafkaP50Millis", raw.percentile(50));
        details.put("rawKafkaP99Millis", raw.percentile(99));
        // Raw Kafka's CPU at the same rate, measured the same way (it includes the idle node's background threads):
        // at a steady rate the broker's cost per request, not per record, sets it.
        Map<String, Double> rawCpu = CpuTimes.perCommand(cpuBeforeRaw, cpuAfterRaw, commands);
        details.put("rawKafkaCpuMicrosPerRecord", rawCpu.get("cpuMicrosPerCommand.total"));
        details.put("rawKafkaBrokerCpuMicrosPerRecord", rawCpu.get("cpuMicrosPerCommand.kafka-broker"));
        details.putAll(StageTimes.perCommand(before, after, commands));
        details.putAll(CpuTimes.perCommand(cpuBefore, cpuAfter, commands));
        details.putAll(PostgresStatements.perCommand(statementsBefore, statementsAfter, commands));
        return List.of(
                new BenchResult("steady-p99-command-to-projection", "ms", lethe.toProjection().percentile(99),
                        "raw Kafka produce+consume p99 at the same rate (ms; lower is better)", raw.percentile(99),
                        details),
                new BenchResult("steady-p99-command-to-reply", "ms", lethe.toReply().percentile(99),
                        "raw Kafka produce+consume p99 at the same rate (ms; lower is better)", raw.percentile(99),
                        Map.of()));
    }

    private Outcome run(BenchCommands.Run run, int perSecond) throws Exception {
        int commands = run.ids().size();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < commands; i++) {
            indexOf.put(run.ids().get(i), i);
        }
        OpenLoop loop = new OpenLoop(System.nanoTime() + Duration.ofMillis(200).toNanos(), perSecond);
        Latencies toReply = new Latencies();
        Latencies toProjection = new Latencies();
        double[] maxSendDelay = new double[1];
        try (KafkaConsumer<String, byte[]> replies = IngestBench.repliesConsumer(target.infrastructure());
             KafkaProducer<String, byte[]> producer = IngestBench.producer(target.infrastructure())) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < commands; i++) {
                    loop.awaitDue(i);
                    maxSendDelay[0] = Math.max(maxSendDelay[0], loop.millisSinceDue(i));
                    producer.send(run.records().get(i));
                }
                producer.flush();
            }, "bench-open-loop-sender");
            ProjectionWatch watch = new ProjectionWatch(run, loop, toProjection);
            Thread watcher = new Thread(watch, "bench-projection-watch");
            sender.start();
            watcher.start();
            long deadline = loop.dueAt(commands) + DRAIN.toNanos();
            int answered = 0;
            while (answered < commands && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> reply : replies.poll(Duration.ofMillis(2))) {
                    Integer i = indexOf.remove(reply.key());
                    if (i != null) {
                        toReply.add(loop.millisSinceDue(i));
                        answered++;
                    }
                }
            }
            sender.join();
            watcher.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            watch.stop();
            watcher.join();
            if (answered < commands || watch.projected() < commands) {
                throw new IllegalStateException("of " + commands + " commands " + answered + " were answered and "
                        + watch.projected() + " projected within " + DRAIN.toSeconds() + " s of the last send");
            }
            return new Outcome(toReply, toProjection, maxSendDelay[0]); // the joins made the threads' writes visible
        }
    }

    /**
     * Looks up, every few milliseconds, which due commands' records the query side has projected: the
     * {@value #WATCH_WINDOW} oldest pending ones, each by its primary key. Asking for every pending commitment at once
     * let PostgreSQL scan all of {@code record_subjects} per poll and compare each row with the whole list; with a
     * backlog of a few thousand that took about 185 ms a poll and a core of PostgreSQL, charged to the commands, so
     * the watcher made the backlog it measured. A command outside the window is seen once it enters it, so beyond
     * {@value #WATCH_WINDOW} commands of backlog a latency can read a few polls late; below it every one is exact.
     */
    private final class ProjectionWatch implements Runnable {

        /** One primary-key probe per pending commitment (OFFSET 0 keeps the planner from turning them into a scan). */
        private static final String PROJECTED = "SELECT x.commitment FROM unnest(?::varchar[]) AS p(commitment)"
                + " CROSS JOIN LATERAL (SELECT r.commitment FROM query.record_subjects r"
                + " WHERE r.commitment = p.commitment OFFSET 0) x";

        private final BenchCommands.Run run;
        private final OpenLoop loop;
        private final Latencies latencies;
        private final AtomicInteger projected = new AtomicInteger();
        private volatile boolean stopped;

        ProjectionWatch(BenchCommands.Run run, OpenLoop loop, Latencies latencies) {
            this.run = run;
            this.loop = loop;
            this.latencies = latencies;
        }

        int projected() {
            return projected.get();
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            int commands = run.ids().size();
            TreeSet<Integer> pending = new TreeSet<>();
            Map<String, Integer> dueIndexOf = new HashMap<>();
            int due = 0;
            try (Connection c = target.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(PROJECTED)) {
                target.cpu().countAsBench(c);
                while (!stopped && projected.get() < commands) {
                    for (long now = System.nanoTime(); due < commands && loop.dueAt(due) <= now; due++) {
                        pending.add(due);
                        dueIndexOf.put(run.commitments().get(due).get(0), due);
                    }
                    if (!pending.isEmpty()) {
                        Object[] oldest = pending.stream().limit(WATCH_WINDOW)
                                .map(i -> run.commitments().get(i).get(0)).toArray();
                        s.setArray(1, c.createArrayOf("varchar", oldest));
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                int index = dueIndexOf.remove(rs.getString(1));
                                pending.remove(index);
                                latencies.add(loop.millisSinceDue(index));
                                projected.incrementAndGet();
                            }
                        }
                    }
                    Thread.sleep(PROJECTION_POLL_MILLIS);
                }
            } catch (Exception e) {
                throw new IllegalStateException("watching the projection failed", e);
            }
        }
    }
}
