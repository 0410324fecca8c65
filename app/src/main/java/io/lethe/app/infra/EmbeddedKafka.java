package io.lethe.app.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka 4.x broker in KRaft mode (combined broker + controller), run
 * inside this JVM. The log directory is formatted on first start as a single-voter dynamic quorum
 * (the programmatic equivalent of {@code kafka-storage format --standalone}) and reused on later
 * starts, so topics, records and committed offsets survive a restart on the same directory.
 *
 * <p>Layout under the data directory: {@code log/} is Kafka's {@code log.dirs} (also holding the
 * {@code __cluster_metadata} log) and {@code controller.port} remembers the controller port.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CONTROLLER_PORT_FILE = "controller.port";

    private final KafkaRaftServer server;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker whose data lives under {@code dataDir}, formatting it on first use.
     * Returns once the broker is unfenced and accepts clients.
     *
     * @param dataDir directory for Kafka's data; created if missing
     * @param port client listener port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        Path logDir = dataDir.resolve("log");
        int clientPort = FreePorts.resolveAvailable(port, "Kafka");
        try {
            Files.createDirectories(logDir);
            int controllerPort = controllerPort(dataDir, clientPort);
            KafkaConfig config = new KafkaConfig(brokerProperties(logDir, clientPort, controllerPort), false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config, controllerPort);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            EmbeddedKafka kafka = new EmbeddedKafka(server, clientPort);
            try {
                // Blocks until the broker has caught up with the metadata log and is unfenced.
                server.startup();
            } catch (RuntimeException e) {
                kafka.stop();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    /** {@code bootstrap.servers} for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client listener port. */
    public int port() {
        return port;
    }

    /** Creates the given topics (name → partitions) that do not exist yet, replication factor 1. */
    public void ensureTopics(Map<String, Integer> partitions) {
        KafkaTopics.ensure(bootstrapServers(), partitions);
    }

    /** Shuts the broker and controller down cleanly (flushing logs); safe to call repeatedly. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Writes meta.properties and the bootstrap snapshot holding the single dynamic voter (this node,
     * at the controller listener, with a fresh directory id), like {@code --standalone}.
     */
    private static void format(KafkaConfig config, int controllerPort) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String voter = NODE_ID + "@" + HOST + ":" + controllerPort + ":" + Uuid.randomUuid();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out) // the formatter chats on stdout; keep it for debug only
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(DynamicVoters.parse(voter))
                    .addDirectory(config.metadataLogDir())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + config.metadataLogDir(), e);
        }
        LOG.debug("formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * The controller port is part of the voter set written at format time, so we keep it in the
     * data directory and reuse it on restart; a new one is only picked if it is taken.
     */
    private static int controllerPort(Path dataDir, int clientPort) throws IOException {
        Path file = dataDir.resolve(CONTROLLER_PORT_FILE);
        if (Files.exists(file)) {
            int saved = Integer.parseInt(Files.readString(file).trim());
            if (saved != clientPort && FreePorts.isFree(saved)) {
                return saved;
            }
            LOG.warn("Kafka controller port {} is taken; picking another", saved);
        }
        int picked;
        do {
            picked = FreePorts.pick();
        } while (picked == clientPort);
        Files.writeString(file, Integer.toString(picked));
        return picked;
    }

    private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // Dynamic quorum (KIP-853): bootstrap servers, never controller.quorum.voters.
        p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic has exactly one replica.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: creating 50 of them makes the first group join slow.
        // Never change these once a data directory exists (the topics are created once).
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // A laptop-sized broker: no rebalance delay, few threads, a small cleaner buffer
        // (the default allocates 128 MiB of heap up front).
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a crash (SIGKILL) the controller still holds the dead incarnation's session and
        // rejects the restarted broker (DUPLICATE_BROKER_REGISTRATION) until it expires: 9 s by
        // default. Broker and controller share this process, so a short session costs nothing.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }
}
