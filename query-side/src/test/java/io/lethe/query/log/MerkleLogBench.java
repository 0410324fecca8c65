package io.lethe.query.log;

import io.lethe.verifier.MerkleProofs;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark of the transparency log (a main, not a test: no timing assertions in tests). Reports append rate,
 * inclusion- and consistency-proof generation time at 1M leaves, and proof-verification rate; with
 * {@code --jdbc} also the same on embedded PostgreSQL.
 *
 * <pre>
 * cd /work/main
 * mvn -B -o -q -pl query-side test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp query-side/target/test-classes:query-side/target/classes:$(cat query-side/target/bench.cp) \
 *     io.lethe.query.log.MerkleLogBench [--jdbc] [--leaves=1000000]
 * </pre>
 */
public final class MerkleLogBench {

    private static final int BATCH = 1000;
    private static final int PROOFS = 100_000;

    private MerkleLogBench() {
    }

    /** @param args {@code --jdbc} to include PostgreSQL, {@code --leaves=N} to change the log size */
    public static void main(String[] args) throws Exception {
        int leaves = Arrays.stream(args).filter(a -> a.startsWith("--leaves=")).findFirst()
                .map(a -> Integer.parseInt(a.substring(9))).orElse(1_000_000);
        System.out.printf("== in-memory, %,d leaves%n", leaves);
        MerkleLog memory = new MerkleLog(new InMemoryNodeStore());
        appendAll(memory, leaves);
        proofs(memory, leaves, PROOFS);
        verification(memory, leaves);
        if (Arrays.asList(args).contains("--jdbc")) {
            TestDatabase.truncateLogTables();
            try (Connection connection = TestDatabase.dataSource().getConnection()) {
                System.out.printf("== PostgreSQL (embedded, one connection), %,d leaves%n", leaves);
                connection.setAutoCommit(false);
                MerkleLog postgres = new MerkleLog(new JdbcNodeStore(connection));
                appendAll(postgres, leaves, connection);
                proofs(postgres, leaves, 5_000);
            }
        }
    }

    private static void appendAll(MerkleLog log, int leaves) throws Exception {
        appendAll(log, leaves, null);
    }

    private static void appendAll(MerkleLog log, int leaves, Connection commitEach) throws Exception {
        long start = System.nanoTime();
        List<NewLeaf> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < leaves; i++) {
            batch.add(Leaves.leaf(i));
            if (batch.size() == BATCH || i == leaves - 1) {
                log.append(batch);
                if (commitEach != null) {
                    commitEach.commit();
                }
                batch.clear();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("append: %,d leaves in %.2f s = %,.0f leaves/s (batches of %d%s)%n", leaves, seconds,
                leaves / seconds, BATCH, commitEach == null ? "" : ", one transaction each");
    }

    private static void proofs(MerkleLog log, int size, int count) {
        Random random = new Random(1);
        time("warm-up", count / 5, () -> log.inclusionProof(random.nextInt(size), size));
        time("inclusion proof at full size", count, () -> log.inclusionProof(random.nextInt(size), size));
        time("inclusion proof at random historical size", count, () -> {
            int n = 1 + random.nextInt(size);
            log.inclusionProof(random.nextInt(n), n);
        });
        time("consistency proof, random sizes", count, () -> {
            int n = 1 + random.nextInt(size);
            log.consistencyProof(1 + random.nextInt(n), n);
        });
        time("root at random historical size", count, () -> log.root(1 + random.nextInt(size)));
    }

    private static void verification(MerkleLog log, int size) throws Exception {
        Random random = new Random(2);
        byte[] root = log.root(size);
        int count = 200_000;
        List<long[]> indices = new ArrayList<>();
        List<List<byte[]>> paths = new ArrayList<>();
        List<byte[]> leafHashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long index = random.nextInt(size);
            indices.add(new long[] {index});
            paths.add(log.inclusionProof(index, size));
            leafHashes.add(log.entries(index, index + 1).get(0).leafHash());
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            MerkleProofs.verifyInclusion(leafHashes.get(i), indices.get(i)[0], size, paths.get(i), root);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("verify inclusion (api verifier): %,.0f proofs/s (%.2f us each, %d hashes per proof)%n",
                count / seconds, seconds * 1e6 / count, paths.get(0).size());
    }

    private static void time(String what, int count, Runnable operation) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            operation.run();
            nanos[i] = System.nanoTime() - start;
        }
        if (what.equals("warm-up")) {
            return;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        System.out.printf("%s: mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us (%,d runs)%n", what, mean,
                nanos[count / 2] / 1000.0, nanos[count * 99 / 100] / 1000.0, nanos[count - 1] / 1000.0, count);
    }
}
