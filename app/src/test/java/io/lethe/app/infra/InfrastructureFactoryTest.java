package io.lethe.app.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureFactoryTest {

    @Test
    void environmentVariablesSelectExternalInfrastructure() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "POSTGRES_URL", "jdbc:postgresql://db:5432/lethe",
                "POSTGRES_USER", "lethe",
                "POSTGRES_PASSWORD", "secret");

        Infrastructure infra = InfrastructureFactory.create(env, Path.of("unused"), 0, 0);

        assertThat(infra).isEqualTo(new ExternalInfrastructure("kafka:9092", "jdbc:postgresql://db:5432/lethe", "lethe", "secret"));
        assertThat(infra.toString()).doesNotContain("secret");
        infra.close(); // a no-op: the servers are not ours
    }

    @Test
    void credentialsAreOptional() {
        ExternalInfrastructure infra = ExternalInfrastructure.fromEnvironment(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "POSTGRES_URL", "jdbc:postgresql://db/lethe", "POSTGRES_USER", " "));
        assertThat(infra.postgresUser()).isNull();
        assertThat(infra.postgresPassword()).isNull();
    }

    @Test
    void halfAnExternalSetupIsRejected() {
        assertThatThrownBy(() -> InfrastructureFactory.create(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"), Path.of("unused"), 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POSTGRES_URL");
    }
}
