package io.lethe.app.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded stack is real and durable: a restart on the same directory keeps topics, records and tables. */
class EmbeddedInfrastructureIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructureIT.class);
    private static final String TOPIC = "lethe.it.persist";

    @Test
    void restartOnTheSameDirectoryKeepsTopicsRecordsAndTables(@TempDir Path dataDir) throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            records.put("model-" + (i % 4), "event-" + i);
        }

        long cold = System.nanoTime();
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0)) {
            cold = System.nanoTime() - cold;
            logHeap("cold", cold);
            infra.ensureTopics(Map.of(TOPIC, 3));
            infra.ensureTopics(Map.of(TOPIC, 3)); // idempotent
            TestClients.produce(infra.kafkaBootstrapServers(), TOPIC, records);
            try (Connection c = connect(infra); Statement s = c.createStatement()) {
                s.execute("create table ledger(id int primary key, note text)");
                s.execute("insert into ledger values (1, 'one'), (2, 'two'), (3, 'three')");
            }
        }

        long warm = System.nanoTime();
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0);
        try {
            warm = System.nanoTime() - warm;
            logHeap("warm", warm);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
                var description = admin.describeTopics(java.util.List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(description.partitions()).hasSize(3);
            }
            var consumed = TestClients.consume(infra.kafkaBootstrapServers(), TOPIC, records.size());
            assertThat(consumed).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(records.values());
            try (Connection c = connect(infra); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), string_agg(note, ',' order by id) from ledger")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.getString(2)).isEqualTo("one,two,three");
            }
        } finally {
            infra.close();
        }
        infra.close(); // idempotent
    }

    private static Connection connect(Infrastructure infra) throws Exception {
        return DriverManager.getConnection(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
    }

    private static void logHeap(String phase, long nanos) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        LOG.info("{} start: {} ms, heap used after GC {} MiB (committed {} MiB)", phase, nanos / 1_000_000,
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
    }
}
