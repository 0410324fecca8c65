package io.lethe.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The witness over HTTP, on the JDK's own server (a witness should be small enough to audit):
 * {@code POST <prefix>/add-checkpoint} and, for operators, {@code GET <prefix>/} with the witness's public key.
 */
public final class WitnessServer implements AutoCloseable {

    /** Largest request accepted: 63 proof lines and a checkpoint with many signatures fit with room to spare. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private WitnessServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code witness} on {@code address} (port 0 picks a free one). */
    public static WitnessServer start(Witness witness, InetSocketAddress address, String prefix) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "lethe-witness-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(prefix + "/add-checkpoint", exchange -> addCheckpoint(witness, exchange));
        server.createContext(prefix + "/", exchange -> about(witness, exchange, prefix + "/"));
        server.start();
        return new WitnessServer(server, executor);
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void addCheckpoint(Witness witness, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, WitnessResponse.refused(405, "add-checkpoint takes a POST"));
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody());
            send(exchange, body == null
                    ? WitnessResponse.refused(413, "request larger than " + MAX_BODY_BYTES + " bytes")
                    : witness.addCheckpoint(new String(body, StandardCharsets.UTF_8)));
        }
    }

    private static void about(Witness witness, HttpExchange exchange, String root) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(root)) {
                send(exchange, WitnessResponse.refused(404, "a witness serves " + root + "add-checkpoint only"));
                return;
            }
            var key = witness.key().verifier();
            send(exchange, new WitnessResponse(200, WitnessResponse.TEXT_TYPE, "lethe witness " + key.name()
                    + "\nvkey " + key.vkey() + "\npolicy witness " + key.name() + " " + key.hexKey() + "\n"));
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, WitnessResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
