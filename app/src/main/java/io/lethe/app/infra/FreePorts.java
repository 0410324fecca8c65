package io.lethe.app.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns {@code requested} unless it is 0, in which case a currently free port on 127.0.0.1.
     * There is a small race between closing the probe socket and the server binding it; we accept
     * it because Kafka needs the concrete port up front (it is written into the KRaft voter set and
     * the advertised listener), so letting the server bind port 0 itself is not an option.
     */
    static int resolve(int requested) {
        return requested != 0 ? requested : pick();
    }

    /**
     * Like {@link #resolve} but fails with a readable message if an explicitly requested port is
     * taken; the servers' own bind errors arrive late and buried in stack traces.
     */
    static int resolveAvailable(int requested, String what) {
        if (requested != 0 && !isFree(requested)) {
            throw new IllegalStateException(what + " port " + requested + " on 127.0.0.1 is already in use");
        }
        return resolve(requested);
    }

    /** A port that is free right now on 127.0.0.1. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Whether {@code port} can be bound on 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
