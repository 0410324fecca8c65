package io.lethe.app.it;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Three {@link KafkaClusterNode} JVMs: a replicated KRaft cluster a test can take a node out of. */
final class KafkaCluster implements AutoCloseable {

    private final List<Process> nodes = new ArrayList<>();
    private final List<ProcessOutput> outputs = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();

    private KafkaCluster() {
    }

    static KafkaCluster start(Path dir, int size, Duration timeout) throws Exception {
        KafkaCluster cluster = new KafkaCluster();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            cluster.clientPorts.add(LetheProcess.freePort());
            controllerPorts.add(LetheProcess.freePort());
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i)).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i + 1, dir.resolve("kafka-" + (i + 1)), clusterId, voters, cluster.clientPorts.get(i));
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitUp(i, timeout);
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(int nodeId, Path dataDir, String clusterId, String voters, int clientPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process node = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                KafkaClusterNode.class.getName(), Integer.toString(nodeId), dataDir.toString(), clusterId, voters,
                Integer.toString(clientPort)).redirectErrorStream(true).start();
        nodes.add(node);
        outputs.add(ProcessOutput.capture(node, "kafka-node-" + nodeId));
    }

    private void awaitUp(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outputs.get(index).lines().stream().noneMatch(l -> l.contains("kafka node " + (index + 1) + " up"))) {
            if (!nodes.get(index).isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("kafka node " + (index + 1) + " did not come up:\n" + outputs.get(index));
            }
            Thread.sleep(100);
        }
    }

    String bootstrapServers() {
        return clientPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** SIGKILL of one node: no controlled shutdown, no leader hand-over. */
    void kill(int nodeId) throws InterruptedException {
        Process node = nodes.get(nodeId - 1);
        node.destroyForcibly();
        node.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process node : nodes) {
            node.destroyForcibly();
        }
        for (Process node : nodes) {
            try {
                node.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
