package io.lethe.app.bench;

import io.lethe.app.infra.Infrastructure;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.producer.SubjectKeyClient;

import javax.sql.DataSource;

/**
 * The running node the ingest benchmarks drive, and how they watch it.
 *
 * @param keys   the node's subject keys, with which payloads are sealed as producers must
 * @param secret the node's ledger secret, to know the commitments the projection will show
 * @param stages the node's stage timers, read from its {@code /metrics}
 * @param cpu    CPU time of the node's threads and its PostgreSQL
 * @param statements PostgreSQL's execution time by statement
 */
record BenchTarget(Infrastructure infrastructure, DataSource dataSource, SubjectKeyClient keys, LedgerSecret secret,
                   StageTimes stages, CpuTimes cpu,
                   PostgresStatements statements) {
}
