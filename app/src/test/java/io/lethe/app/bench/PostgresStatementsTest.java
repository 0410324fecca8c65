package io.lethe.app.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PostgresStatementsTest {

    @Test
    void statementsAreLabelledByVerbAndTheTableTheyWriteOrRead() {
        assertThat(PostgresStatements.label("INSERT INTO query.log_leaves (leaf_index) VALUES ($1),($2)"))
                .isEqualTo("INSERT query.log_leaves");
        assertThat(PostgresStatements.label("WITH input AS (SELECT id FROM unnest($1::varchar[]) AS t(id)),"
                + " created AS (INSERT INTO events.publication_log (leaf_index) SELECT 1 FROM input) SELECT 1"))
                .isEqualTo("INSERT events.publication_log");
        assertThat(PostgresStatements.label("update events.tokenentry SET token = $1 WHERE owner = $2"))
                .isEqualTo("UPDATE events.tokenentry");
        assertThat(PostgresStatements.label("SELECT x.commitment FROM unnest($1::varchar[]) AS p(commitment)"
                + " CROSS JOIN LATERAL (SELECT r.commitment FROM query.record_subjects r) x"))
                .isEqualTo("SELECT query.record_subjects");
        assertThat(PostgresStatements.label("commit")).isEqualTo("COMMIT");
        assertThat(PostgresStatements.label("SELECT pg_advisory_xact_lock($1)")).isEqualTo("SELECT");
    }

    @Test
    void perCommandNamesTheLargestAndSumsTheRest() {
        Map<String, Double> before = Map.of("COMMIT", 100.0);
        Map<String, Double> after = new HashMap<>(Map.of("COMMIT", 300.0, "SELECT a.b", 1.0));
        for (int i = 0; i < PostgresStatements.REPORTED; i++) {
            after.put("INSERT t.t" + i, 10.0 + i);
        }

        Map<String, Double> micros = PostgresStatements.perCommand(before, after, 1_000);

        assertThat(micros.keySet()).first().isEqualTo("postgresExecMicrosPerCommand.COMMIT");
        assertThat(micros.get("postgresExecMicrosPerCommand.COMMIT")).isCloseTo(200.0, within(1e-9));
        assertThat(micros).doesNotContainKey("postgresExecMicrosPerCommand.INSERT t.t0")
                .doesNotContainKey("postgresExecMicrosPerCommand.SELECT a.b");
        assertThat(micros.get("postgresExecMicrosPerCommand.other")).isCloseTo(11.0, within(1e-9));
        double named = 200 + java.util.stream.IntStream.range(1, PostgresStatements.REPORTED).sum()
                + 10.0 * (PostgresStatements.REPORTED - 1);
        assertThat(micros.get("postgresExecMicrosPerCommand.total")).isCloseTo(named + 11.0, within(1e-9));
    }
}
