package io.lethe.query.log;

import static io.lethe.query.log.MerkleLogTest.assertSameHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.verifier.MerkleProofs;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log on a real PostgreSQL (embedded) with the project's Flyway migrations. */
class JdbcMerkleLogTest {

    @BeforeEach
    void emptyLog() throws Exception {
        TestDatabase.truncateLogTables();
    }

    @Test
    void proofsFromPostgresEqualProofsFromMemoryForEverySizeUpTo64() throws Exception {
        MerkleLog memory = new MerkleLog(new InMemoryNodeStore());
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog postgres = new MerkleLog(new JdbcNodeStore(connection));
            for (int i = 0; i < 64; i++) {
                memory.append(Leaves.leaf(i));
                postgres.append(Leaves.leaf(i));
            }
            for (int n = 1; n <= 64; n++) {
                assertThat(postgres.root(n)).isEqualTo(memory.root(n));
                for (int m = 0; m < n; m++) {
                    assertSameHashes(postgres.inclusionProof(m, n), memory.inclusionProof(m, n));
                    assertSameHashes(postgres.consistencyProof(m + 1, n), memory.consistencyProof(m + 1, n));
                }
            }
            MerkleProofs.verifyInclusion(postgres.entries(40, 41).get(0).leafHash(), 40, 64,
                    postgres.inclusionProof(40, 64), postgres.root(64));
        }
    }

    @Test
    void anAppendInTheCallersTransactionRollsBackWithIt() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            log.append(List.of(Leaves.leaf(0), Leaves.leaf(1)));
            connection.setAutoCommit(false);
            log.append(List.of(Leaves.leaf(2), Leaves.leaf(3)));
            assertThat(log.size()).isEqualTo(4);
            connection.rollback();
            connection.setAutoCommit(true);

            assertThat(log.size()).isEqualTo(2);
            log.append(Leaves.leaf(2));
            assertThat(log.root(3)).isEqualTo(inMemory(3).root(3));
        }
    }

    @Test
    void aDuplicateEventIdFailsTheWholeBatch() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            log.append(Leaves.leaf(0));

            assertThatThrownBy(() -> log.append(List.of(Leaves.leaf(1), Leaves.leaf(0))))
                    .isInstanceOf(LogStorageException.class);
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void concurrentAppendersQueueOnTheLockAndGetDistinctIndices() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int base = writer * 1000;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 25; i++) {
                        appendInOwnTransaction(Leaves.leaf(base + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            assertThat(log.size()).isEqualTo(100);
            List<LeafEntry> entries = log.entries(0, 100);
            assertThat(entries).extracting(LeafEntry::index).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 100).boxed().toList());
            for (LeafEntry entry : entries) {
                MerkleProofs.verifyInclusion(entry.leafHash(), entry.index(), 100,
                        log.inclusionProof(entry.index(), 100), log.root(100));
            }
        }
    }

    @Test
    void entriesAreReadByRangeAndByEventId() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            MerkleLog log = new MerkleLog(new JdbcNodeStore(connection));
            Leaves.appendEach(log, null, 0, 5);

            assertThat(log.entries(3, 10)).extracting(LeafEntry::eventId).containsExactly("ev-3", "ev-4");
            assertThat(log.entries(1, 2).get(0)).isEqualTo(inMemory(5).entries(1, 2).get(0));
            assertThat(log.entryByEventId("ev-2")).get().extracting(LeafEntry::index).isEqualTo(2L);
        }
    }

    private static void appendInOwnTransaction(NewLeaf leaf) throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            new MerkleLog(new JdbcNodeStore(connection)).append(leaf);
            connection.commit();
        }
    }

    private static MerkleLog inMemory(int size) {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(log, null, 0, size);
        return log;
    }
}
