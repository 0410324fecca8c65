package io.lethe.app.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension hands out one working Kafka + PostgreSQL per JVM. */
@ExtendWith(LetheInfrastructureExtension.class)
class LetheInfrastructureExtensionIT {

    private final Infrastructure fromConstructor;

    LetheInfrastructureExtensionIT(Infrastructure infrastructure) {
        this.fromConstructor = infrastructure;
    }

    @Test
    void kafkaRoundTrip(Infrastructure infra) throws Exception {
        infra.ensureTopics(Map.of("lethe.it.roundtrip", 2));
        TestClients.produce(infra.kafkaBootstrapServers(), "lethe.it.roundtrip", Map.of("k", "hello"));
        assertThat(TestClients.consume(infra.kafkaBootstrapServers(), "lethe.it.roundtrip", 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k", "hello"));
    }

    @Test
    void jdbcQuery(Infrastructure infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database(), 6 * 7")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgresServer.DATABASE);
            assertThat(rs.getInt(2)).isEqualTo(42);
        }
    }

    @Test
    void oneStackPerJvm(Infrastructure infra) {
        assertThat(infra).isSameAs(fromConstructor);
    }
}
