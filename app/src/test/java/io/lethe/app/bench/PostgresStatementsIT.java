package io.lethe.app.bench;

import io.lethe.app.infra.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL preloads pg_stat_statements, so the bench can say which statements took its time. */
class PostgresStatementsIT {

    @Test
    void theEmbeddedServerCountsEveryStatementByLabel(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA probe");
                s.execute("CREATE TABLE probe.rows (n INTEGER)");
            }
            PostgresStatements statements = new PostgresStatements(postgres.dataSource());
            Map<String, Double> before = statements.sample();
            try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO probe.rows SELECT generate_series(1, 200000)");
            }
            Map<String, Double> after = statements.sample();

            assertThat(after.get("INSERT probe.rows")).isGreaterThan(before.getOrDefault("INSERT probe.rows", 0.0));
            assertThat(PostgresStatements.perCommand(before, after, 1))
                    .containsKey("postgresExecMicrosPerCommand.INSERT probe.rows");
        }
    }
}
