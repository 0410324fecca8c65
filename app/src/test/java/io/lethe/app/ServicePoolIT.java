package io.lethe.app;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.app.infra.EmbeddedPostgresServer;
import io.lethe.app.infra.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' pools plan every statement for its own parameters (see {@link ServiceSettings#dataSource}). */
class ServicePoolIT {

    @Test
    void everyPooledConnectionPlansPerExecution(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
             HikariDataSource pool = ServiceSettings.dataSource(on(postgres), "probe", 2);
             Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
        }
    }

    private static Infrastructure on(EmbeddedPostgresServer postgres) {
        return new Infrastructure() {
            @Override
            public String kafkaBootstrapServers() {
                throw new UnsupportedOperationException("no Kafka in this test");
            }

            @Override
            public String postgresUrl() {
                return postgres.jdbcUrl();
            }

            @Override
            public String postgresUser() {
                return postgres.user();
            }

            @Override
            public String postgresPassword() {
                return postgres.password();
            }

            @Override
            public void close() {
            }
        };
    }
}
