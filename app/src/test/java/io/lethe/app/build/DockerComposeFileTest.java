package io.lethe.app.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so {@code docker compose config} cannot check the file; this parses
 * it and checks it against what the services actually read.
 */
class DockerComposeFileTest {

    private static final List<String> LETHE_SERVICES = List.of("migrate", "command-side", "query-side", "worker");
    private static JsonNode services;
    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        // SnakeYAML resolves anchors, aliases and merge keys as docker compose does.
        Object yaml = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        compose = new ObjectMapper().valueToTree(yaml);
        services = compose.get("services");
    }

    @Test
    void runsKafkaPostgresAndEveryLetheService() {
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "postgres", "migrate", "command-side", "query-side", "worker");
    }

    @Test
    void everyLetheServiceGetsTheInfrastructureVariablesTheCodeReads() {
        for (String name : LETHE_SERVICES) {
            JsonNode env = services.get(name).get("environment");
            assertThat(env.fieldNames()).toIterable().as(name)
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_URL", "POSTGRES_USER", "POSTGRES_PASSWORD");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(env.get("POSTGRES_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/lethe");
        }
    }

    @Test
    void longRunningServicesHaveHealthChecksAndDataHasNamedVolumes() {
        for (String name : List.of("kafka", "postgres", "command-side", "query-side", "worker")) {
            assertThat(services.get(name).has("healthcheck")).as(name).isTrue();
        }
        assertThat(compose.get("volumes").fieldNames()).toIterable().contains("kafka-data", "postgres-data");
    }

    @Test
    void servicesRunTheCliCommandsThatExist() {
        assertThat(services.get("command-side").get("command").toString()).contains("\"service\",\"command-side\"");
        assertThat(services.get("query-side").get("command").toString()).contains("\"service\",\"query-side\"");
        assertThat(services.get("worker").get("command").toString()).contains("\"service\",\"worker\"");
        assertThat(services.get("migrate").get("command").toString()).contains("\"migrate\"");
    }
}
