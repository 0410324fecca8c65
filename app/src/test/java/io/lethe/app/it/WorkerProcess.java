package io.lethe.app.it;

import io.lethe.app.infra.Infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@code lethe service worker} in its own JVM from the packaged jar, against given infrastructure. */
final class WorkerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "lethe-app.jar");
    private final Process process;
    private final ProcessOutput output;

    private WorkerProcess(Process process) {
        this.process = process;
        this.output = ProcessOutput.capture(process, "worker-process-output");
    }

    static WorkerProcess start(Infrastructure infrastructure, String workerId) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-jar", JAR.toString(), "service", "worker")
                .redirectErrorStream(true);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        builder.environment().put("POSTGRES_URL", infrastructure.postgresUrl());
        putIfPresent(builder, "POSTGRES_USER", infrastructure.postgresUser());
        putIfPresent(builder, "POSTGRES_PASSWORD", infrastructure.postgresPassword());
        builder.environment().put("LETHE_WORKER_ID", workerId);
        return new WorkerProcess(builder.start());
    }

    private static void putIfPresent(ProcessBuilder builder, String name, String value) {
        if (value != null) {
            builder.environment().put(name, value);
        } else {
            builder.environment().remove(name);
        }
    }

    /** Waits until a line of output contains {@code text}. */
    void awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.lines().stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no '" + text + "' after " + timeout + ":\n" + output());
    }

    /** SIGKILL: no shutdown hook, no leaving the group, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
