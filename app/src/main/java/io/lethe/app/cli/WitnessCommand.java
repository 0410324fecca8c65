package io.lethe.app.cli;

import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteVerifier;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.query.log.TransparencyLog;
import io.lethe.witness.Witness;
import io.lethe.witness.WitnessKey;
import io.lethe.witness.WitnessServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lethe witness}: a C2SP tlog-witness in its own process, with its own key and state directory, cosigning
 * the checkpoints of the logs it is given the public keys of, and only when each extends the last it cosigned.
 */
@Command(name = "witness", mixinStandardHelpOptions = true,
        description = "Run a C2SP tlog-witness: POST /add-checkpoint cosigns a log's checkpoint only if it is"
                + " consistent with the last one this witness cosigned.")
final class WitnessCommand implements Callable<Integer> {

    @Option(names = "--name", required = true,
            description = "The witness's name, on its cosignature lines (e.g. witness.example/w1).")
    String name;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7380",
            description = "host:port to listen on (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--state-dir", defaultValue = ".lethe-witness",
            description = "Directory of the witness key and the cosigned checkpoints (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--key-file", description = "Ed25519 key file (default <state-dir>/witness-key.pem;"
            + " created on first start).")
    Path keyFile;

    @Option(names = "--log", required = true, paramLabel = "KEY",
            description = "A log public key to witness, repeatable: a note verifier key <origin>+<keyid>+<base64>"
                    + " as `lethe keys show` prints it, a PEM file, or base64 (then named --origin).")
    List<String> logKeys = new ArrayList<>();

    @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
            description = "Origin of --log keys that do not carry one (default ${DEFAULT-VALUE}).")
    String origin;

    @Override
    public Integer call() throws Exception {
        WitnessKey key = WitnessKey.loadOrCreate(name, keyFile != null ? keyFile : stateDir.resolve("witness-key.pem"));
        List<NoteVerifier> logs = new ArrayList<>();
        for (String logKey : logKeys) {
            logs.add(PinnedKeys.parse(logKey, origin));
        }
        Witness witness = Witness.open(key, logs, stateDir, Clock.systemUTC(), fork -> { });
        WitnessServer server = WitnessServer.start(witness, address(listen), "");
        CosignatureVerifier publicKey = key.verifier();
        System.out.println("witness " + name + " listening on " + listen.replaceFirst(":\\d+$", "") + ":"
                + server.port() + ", state in " + stateDir.toAbsolutePath());
        System.out.println("vkey    " + publicKey.vkey());
        System.out.println("policy  witness " + name + " " + publicKey.hexKey());
        System.out.println("LETHE_WITNESSES entry: http://" + listen.replaceFirst(":\\d+$", "") + ":"
                + server.port() + " " + publicKey.vkey());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lethe-witness-shutdown"));
        stopped.await();
        return 0;
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen takes host:port, not " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
