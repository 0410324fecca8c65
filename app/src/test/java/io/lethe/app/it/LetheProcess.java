package io.lethe.app.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code lethe up} as a user runs it: a child JVM from the packaged jar, its output captured. */
final class LetheProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "it-admin-token";
    private static final Path JAR = Path.of("target", "lethe-app.jar");
    private static final Pattern POSTGRES_URL = Pattern.compile("postgres=(jdbc:postgresql://[^ ]+)");

    private final Process process;
    private final ProcessOutput output;
    private final int httpPort;
    private final int kafkaPort;

    private LetheProcess(Process process, int httpPort, int kafkaPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.kafkaPort = kafkaPort;
        this.output = ProcessOutput.capture(process, "lethe-process-output");
    }

    static LetheProcess up(Path dataDir, int httpPort, int kafkaPort, String... extraArgs) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", JAR.toString(), "up",
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(httpPort),
                "--kafka-port", Integer.toString(kafkaPort)));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LETHE_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("POSTGRES_URL");
        return new LetheProcess(builder.start(), httpPort, kafkaPort);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for the single {@code ready ...} line and returns it. */
    String awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output.lines()) {
                if (line.startsWith("ready ")) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("lethe exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("lethe not ready after " + timeout + ":\n" + output());
    }

    /** SIGKILL: no shutdown hook, no flush; whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The JVM's resident set size in KiB, from /proc (Linux). */
    long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Sends SIGTERM and waits for the JVM to stop; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lethe did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The embedded PostgreSQL URL, as the infrastructure logs it at start. */
    String postgresUrl() {
        for (String line : output.lines()) {
            Matcher m = POSTGRES_URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("no PostgreSQL URL in the output");
    }

    String output() {
        return output.toString();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
