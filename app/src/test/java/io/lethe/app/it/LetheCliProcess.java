package io.lethe.app.it;

import io.lethe.app.infra.Infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code lethe} subcommand in its own JVM from the packaged jar, as an operator runs it, with exactly
 * the environment the test gives (plus the infrastructure's documented variables): nothing inherited
 * from the build's own environment can make it pass.
 */
final class LetheCliProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "lethe-app.jar");
    private final Process process;
    private final ProcessOutput output;

    private LetheCliProcess(Process process, String name) {
        this.process = process;
        this.output = ProcessOutput.capture(process, name + "-output");
    }

    /** Runs {@code lethe args...} with the infrastructure's variables and {@code env}, nothing else. */
    static LetheCliProcess start(Infrastructure infrastructure, Map<String, String> env, String... args)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LETHE_") || name.startsWith("KAFKA_")
                || name.startsWith("POSTGRES_"));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        builder.environment().put("POSTGRES_URL", infrastructure.postgresUrl());
        putIfPresent(builder, "POSTGRES_USER", infrastructure.postgresUser());
        putIfPresent(builder, "POSTGRES_PASSWORD", infrastructure.postgresPassword());
        builder.environment().putAll(env);
        return new LetheCliProcess(builder.start(), String.join("-", args).replaceAll("[^a-z-]", ""));
    }

    private static void putIfPresent(ProcessBuilder builder, String name, String value) {
        if (value != null) {
            builder.environment().put(name, value);
        }
    }

    /** Waits until a line of output contains {@code text}, failing at once should the process exit first. */
    void awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.lines().stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + " before '" + text + "':\n"
                        + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no '" + text + "' after " + timeout + ":\n" + output());
    }

    /** Waits for the process to end; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
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
