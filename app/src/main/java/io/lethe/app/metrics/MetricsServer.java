package io.lethe.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /metrics} for a service that has no HTTP server of its own ({@code lethe service command-side} or
 * {@code worker}), on the JDK's HTTP server: one more dependency is not worth one plain-text route. The port is
 * {@value #PORT_ENV}; unset or {@code off}, no port is opened (two workers on one host would otherwise clash
 * on a fixed default); {@code 0} picks a free one.
 */
public final class MetricsServer implements AutoCloseable {

    /** The variable naming the port. */
    public static final String PORT_ENV = "LETHE_METRICS_PORT";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Serves {@code registry} on the port {@value #PORT_ENV} names, if it names one.
     *
     * @throws IllegalArgumentException when the variable is neither a port nor {@code off}
     * @throws UncheckedIOException     when the port cannot be bound
     */
    public static Optional<MetricsServer> fromEnvironment(Map<String, String> env, PrometheusMeterRegistry registry) {
        String value = env.get(PORT_ENV);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENV + " must be a port (0-65535) or off, not '" + value + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT_ENV + " must be a port (0-65535) or off, not " + port);
        }
        return Optional.of(start(port, registry));
    }

    /** Serves {@code registry} at {@code /metrics} on {@code port} (0: a free one), on all interfaces. */
    public static MetricsServer start(int port, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> answer(exchange, registry));
            server.start();
            return new MetricsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            // The context matches every path under /metrics; only the one path and GET answer.
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
