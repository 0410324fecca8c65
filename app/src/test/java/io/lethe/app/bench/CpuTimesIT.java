package io.lethe.app.bench;

import io.lethe.app.infra.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's own PostgreSQL work is counted apart from the node's. */
class CpuTimesIT {

    @Test
    void theBackendOfABenchConnectionIsCountedAsTheBenchs(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, 0);
             Connection bench = postgres.dataSource().getConnection(); Statement s = bench.createStatement()) {
            CpuTimes cpu = new CpuTimes(Optional.of(data));
            cpu.countAsBench(bench);
            Map<String, Long> before = cpu.sample();
            s.execute("SELECT sum(i) FROM generate_series(1, 20000000) AS i");
            Map<String, Long> after = cpu.sample();

            long benchSpent = after.get("bench-postgres") - before.get("bench-postgres");
            long nodeSpent = after.get("postgres") - before.get("postgres");
            assertThat(benchSpent).as("about a second of CPU in the bench's backend").isGreaterThan(200_000_000L);
            assertThat(nodeSpent).isLessThan(benchSpent / 4);
        }
    }
}
