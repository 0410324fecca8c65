package io.lethe.app.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.app.keys.KeyPaths;
import io.lethe.app.metrics.MetricsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
                .contains("kafka", "postgres", "migrate", "keys", "command-side", "query-side", "worker");
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
    void eachServiceGetsTheSecretsItNeedsAsFilesInItsOwnVolumesAndTheWorkerNone() {
        assertThat(secretFiles("command-side")).containsOnlyKeys(KeyPaths.LEDGER_SECRET_FILE_ENV);
        assertThat(secretFiles("query-side"))
                .containsOnlyKeys(KeyPaths.LEDGER_SECRET_FILE_ENV, KeyPaths.LOG_SIGNING_KEY_FILE_ENV);
        // A ledger from before V10 has its private key exported by migrate, so migrate needs the key's file.
        assertThat(secretFiles("migrate")).containsOnlyKeys(KeyPaths.LOG_SIGNING_KEY_FILE_ENV);
        assertThat(secretFiles("worker")).isEmpty();
        for (String name : List.of("command-side", "query-side", "migrate")) {
            secretFiles(name).forEach((variable, file) -> assertThat(mountedDirectories(name))
                    .as(name + " mounts the directory of " + variable).anyMatch(dir -> file.startsWith(dir + "/")));
        }
        assertThat(compose.get("volumes").fieldNames()).toIterable().contains("ledger-secret", "log-signing-key");
    }

    @Test
    void aOneShotServiceCreatesTheKeysBeforeTheServicesThatReadThem() {
        JsonNode keys = services.get("keys");
        assertThat(keys.get("command").toString()).isEqualTo("[\"keys\",\"init\"]");
        assertThat(secretFiles("keys")).isEqualTo(Map.of(
                KeyPaths.LEDGER_SECRET_FILE_ENV, secretFiles("query-side").get(KeyPaths.LEDGER_SECRET_FILE_ENV),
                KeyPaths.LOG_SIGNING_KEY_FILE_ENV, secretFiles("query-side").get(KeyPaths.LOG_SIGNING_KEY_FILE_ENV)));
        assertThat(keys.get("depends_on").get("migrate").get("condition").asText())
                .isEqualTo("service_completed_successfully");
        for (String name : List.of("command-side", "query-side")) {
            assertThat(services.get(name).get("depends_on").get("keys").get("condition").asText()).as(name)
                    .isEqualTo("service_completed_successfully");
        }
    }

    /** The service's {@code *_FILE} secret variables, name to path. */
    private static Map<String, String> secretFiles(String service) {
        Map<String, String> files = new TreeMap<>();
        services.get(service).get("environment").fields().forEachRemaining(variable -> {
            if (variable.getKey().equals(KeyPaths.LEDGER_SECRET_FILE_ENV)
                    || variable.getKey().equals(KeyPaths.LOG_SIGNING_KEY_FILE_ENV)) {
                files.put(variable.getKey(), variable.getValue().asText());
            }
        });
        return files;
    }

    /** The container directories of the service's named-volume mounts. */
    private static List<String> mountedDirectories(String service) {
        JsonNode volumes = services.get(service).get("volumes");
        List<String> dirs = new ArrayList<>();
        if (volumes != null) {
            volumes.forEach(volume -> dirs.add(volume.asText().split(":")[1]));
        }
        return dirs;
    }

    @Test
    void longRunningServicesHaveHealthChecksAndDataHasNamedVolumes() {
        for (String name : List.of("kafka", "postgres", "command-side", "query-side", "worker")) {
            assertThat(services.get(name).has("healthcheck")).as(name).isTrue();
        }
        assertThat(compose.get("volumes").fieldNames()).toIterable().contains("kafka-data", "postgres-data");
    }

    @Test
    void theServicesWithoutAnHttpPortServeMetricsOnTheNetworkAndThePortIsNotPublished() {
        for (String name : List.of("command-side", "worker")) {
            JsonNode service = services.get(name);
            String port = service.get("environment").path(MetricsServer.PORT_ENV).asText();
            assertThat(port).as(name).matches("[1-9][0-9]{0,4}");
            assertThat(service.get("expose").toString()).as(name).contains("\"" + port + "\"");
            assertThat(service.has("ports")).as(name + " publishes no port (scaled workers would clash)").isFalse();
        }
    }

    @Test
    void servicesRunTheCliCommandsThatExist() {
        assertThat(services.get("command-side").get("command").toString()).contains("\"service\",\"command-side\"");
        assertThat(services.get("query-side").get("command").toString()).contains("\"service\",\"query-side\"");
        assertThat(services.get("worker").get("command").toString()).contains("\"service\",\"worker\"");
        assertThat(services.get("migrate").get("command").toString()).contains("\"migrate\"");
    }
}
