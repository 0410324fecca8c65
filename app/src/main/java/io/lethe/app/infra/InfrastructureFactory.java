package io.lethe.app.infra;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses between external servers (environment variables set) and the embedded stack. */
public final class InfrastructureFactory {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureFactory.class);

    private InfrastructureFactory() {
    }

    /** {@link #create(Map, Path, int, int)} on the process environment. */
    public static Infrastructure create(Path dataDir, int kafkaPort, int postgresPort) {
        return create(System.getenv(), dataDir, kafkaPort, postgresPort);
    }

    /**
     * External infrastructure if {@code KAFKA_BOOTSTRAP_SERVERS} or {@code POSTGRES_URL} is set
     * (both are then required), otherwise the embedded stack under {@code dataDir}.
     */
    public static Infrastructure create(Map<String, String> env, Path dataDir, int kafkaPort, int postgresPort) {
        if (ExternalInfrastructure.requested(env)) {
            ExternalInfrastructure external = ExternalInfrastructure.fromEnvironment(env);
            LOG.info("Using external infrastructure: {}", external);
            return external;
        }
        return EmbeddedInfrastructure.start(dataDir, kafkaPort, postgresPort);
    }
}
