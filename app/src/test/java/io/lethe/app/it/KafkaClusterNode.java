package io.lethe.app.it;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One node of a replicated Kafka cluster (KRaft, combined broker + controller, a static three-voter
 * quorum), run as its own JVM by {@link KafkaCluster} so a test can SIGKILL it. Internal topics and the
 * default for new topics are replicated three times with {@code min.insync.replicas=2}: one node down, every
 * {@code acks=all} write still succeeds.
 *
 * <p>{@code main(nodeId, dataDir, clusterId, voters, clientPort)}, {@code voters} as
 * {@code 1@127.0.0.1:9093,2@...}; prints {@code kafka node N up} once the broker is unfenced.
 */
public final class KafkaClusterNode {

    private KafkaClusterNode() {
    }

    public static void main(String[] args) throws IOException {
        int nodeId = Integer.parseInt(args[0]);
        Path logDir = Path.of(args[1]).resolve("log");
        String clusterId = args[2];
        String voters = args[3];
        int clientPort = Integer.parseInt(args[4]);
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(properties(nodeId, logDir, voters, clientPort), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, nodeId, clusterId);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        System.out.println("kafka node " + nodeId + " up");
        server.awaitShutdown();
    }

    private static void format(KafkaConfig config, int nodeId, String clusterId) {
        try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
            new Formatter().setPrintStream(quiet).setNodeId(nodeId).setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(config.metadataLogDir()).run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format " + config.metadataLogDir(), e);
        }
    }

    private static Properties properties(int nodeId, Path logDir, String voters, int clientPort) {
        String controllerPort = voters.split(",")[nodeId - 1].replaceAll(".*:", "");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
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
