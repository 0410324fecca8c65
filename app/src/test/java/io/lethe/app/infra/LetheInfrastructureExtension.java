package io.lethe.app.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives integration tests a real Kafka + PostgreSQL as an {@link Infrastructure} parameter
 * (test method or constructor). With a reachable Docker engine it starts Testcontainers
 * ({@code apache/kafka:4.1.1}, {@code postgres:16}); otherwise the embedded stack in a temporary
 * directory. Either way one stack is started lazily per test JVM and closed when the JVM's test
 * run ends (it lives in the root context store, which closes {@link AutoCloseable} values).
 *
 * <p>Force a choice with {@code -Dlethe.it.infrastructure=embedded|docker} (or the environment
 * variable {@code LETHE_IT_INFRASTRUCTURE}); the default is {@code auto}.
 */
public final class LetheInfrastructureExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LetheInfrastructureExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LetheInfrastructureExtension.class);
    // Testcontainers walks several strategies (env, socket, docker contexts); without an engine
    // that is quick here, but a half-configured DOCKER_HOST can make it wait. Never wait longer.
    private static final long DOCKER_PROBE_TIMEOUT_SECONDS = 10;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
                .infrastructure();
    }

    /** The per-JVM stack; JUnit closes it with the root store. */
    private record SharedStack(Infrastructure infrastructure, Path tempDir) implements AutoCloseable {

        static SharedStack start() {
            String mode = System.getProperty("lethe.it.infrastructure",
                    System.getenv().getOrDefault("LETHE_IT_INFRASTRUCTURE", "auto")).toLowerCase(Locale.ROOT);
            boolean docker = switch (mode) {
                case "docker" -> true;
                case "embedded" -> false;
                default -> dockerAvailable();
            };
            long began = System.nanoTime();
            SharedStack stack = docker ? containers() : embedded();
            LOG.info("Integration-test infrastructure: {} (mode={}), up in {} ms: kafka={} postgres={}",
                    docker ? "Testcontainers (Docker)" : "embedded Kafka + PostgreSQL, no Docker engine",
                    mode, (System.nanoTime() - began) / 1_000_000,
                    stack.infrastructure.kafkaBootstrapServers(), stack.infrastructure.postgresUrl());
            return stack;
        }

        @Override
        public void close() {
            try {
                infrastructure.close();
            } finally {
                if (tempDir != null) {
                    deleteRecursively(tempDir);
                }
            }
        }

        private static boolean dockerAvailable() {
            long began = System.nanoTime();
            // A failed probe makes Testcontainers log a multi-line ERROR; the line below says it better.
            ch.qos.logback.classic.Logger probeLog =
                    (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.testcontainers.dockerclient");
            ch.qos.logback.classic.Level previous = probeLog.getLevel();
            probeLog.setLevel(ch.qos.logback.classic.Level.OFF);
            boolean available;
            try {
                available = CompletableFuture.supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable())
                        .get(DOCKER_PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.info("Docker probe gave no answer within {} s ({}); assuming no Docker engine",
                        DOCKER_PROBE_TIMEOUT_SECONDS, e.toString());
                available = false;
            } finally {
                probeLog.setLevel(previous);
            }
            LOG.info("Docker engine {} (probe took {} ms)", available ? "reachable" : "not reachable",
                    (System.nanoTime() - began) / 1_000_000);
            return available;
        }

        private static SharedStack embedded() {
            try {
                Path dir = Files.createTempDirectory("lethe-it-");
                return new SharedStack(EmbeddedInfrastructure.start(dir, 0, 0), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static SharedStack containers() {
            KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"))
                    // Same rule as the embedded broker: topics exist only if someone creates them.
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16"))
                    .withDatabaseName(EmbeddedPostgresServer.DATABASE);
            Startables.deepStart(kafka, postgres).join();
            Infrastructure infra = new ContainerInfrastructure(kafka, postgres);
            return new SharedStack(infra, null);
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", dir, e.toString());
            }
        }
    }

    /** Testcontainers-backed infrastructure; closing stops both containers. */
    private record ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer<?> postgres)
            implements Infrastructure {

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public String postgresUrl() {
            return postgres.getJdbcUrl();
        }

        @Override
        public String postgresUser() {
            return postgres.getUsername();
        }

        @Override
        public String postgresPassword() {
            return postgres.getPassword();
        }

        @Override
        public void close() {
            try {
                kafka.stop();
            } finally {
                postgres.stop();
            }
        }
    }
}
