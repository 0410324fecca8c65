package io.lethe.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.Rfc6962;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The log against the naive RFC 9162 definitions, and the I/O bounds that make it O(log n). */
class MerkleLogTest {

    @Test
    void everyRootAndProofForEveryHistoricalSizeUpTo300MatchesTheRfcDefinitions() throws Exception {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        NaiveTree naive = new NaiveTree();
        for (int n = 1; n <= 300; n++) {
            Leaves.appendEach(log, naive, n - 1, n);
            assertThat(log.root(n)).isEqualTo(naive.hash(0, n));
        }
        for (int n = 1; n <= 300; n++) {
            byte[] root = log.root(n);
            assertThat(root).isEqualTo(naive.hash(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = log.inclusionProof(m, n);
                assertSameHashes(proof, naive.path(m, 0, n));
                MerkleProofs.verifyInclusion(naive.hash(m, m + 1), m, n, proof, root);
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = log.consistencyProof(m, n);
                assertSameHashes(proof, naive.proof(m, n));
                MerkleProofs.verifyConsistency(m, n, proof, log.root(m), root);
            }
        }
    }

    @Test
    void largerTreesAgreeWithTheRfcDefinitionsOnSampledProofs() throws Exception {
        Random random = new Random(6962);
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        NaiveTree naive = new NaiveTree();
        int built = 0;
        for (int size : new int[] {1000, 1024, 4097, 65_537}) {
            Leaves.appendEach(log, naive, built, size);
            built = size;
            for (int sample = 0; sample < 200; sample++) {
                int n = 1 + random.nextInt(size);
                int m = random.nextInt(n);
                assertSameHashes(log.inclusionProof(m, n), naive.path(m, 0, n));
                assertSameHashes(log.consistencyProof(m + 1, n), naive.proof(m + 1, n));
                MerkleProofs.verifyInclusion(naive.hash(m, m + 1), m, n, log.inclusionProof(m, n), log.root(n));
            }
        }
    }

    @Test
    void batchAppendsGiveTheSameTreeAsSingleAppends() {
        MerkleLog single = new MerkleLog(new InMemoryNodeStore());
        MerkleLog batched = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(single, null, 0, 777);
        List<NewLeaf> batch = new ArrayList<>();
        for (int i = 0; i < 777; i++) {
            batch.add(Leaves.leaf(i));
            if (batch.size() == 100 || i == 776) {
                batched.append(batch);
                batch.clear();
            }
        }
        for (int n = 1; n <= 777; n += 37) {
            assertThat(batched.root(n)).isEqualTo(single.root(n));
            assertSameHashes(batched.inclusionProof(n / 2, n), single.inclusionProof(n / 2, n));
        }
    }

    @Test
    void anAppendWritesTheLeafAndOnlyThePerfectSubtreesItCompletes() {
        CountingNodeStore store = new CountingNodeStore(new InMemoryNodeStore());
        MerkleLog log = new MerkleLog(store);
        long total = 0;
        for (long i = 0; i < 1024; i++) {
            store.reset();
            log.append(Leaves.leaf(i));
            // Leaf i completes one subtree per trailing 1-bit of i: the leaf plus that many nodes.
            assertThat(store.nodesWritten).isEqualTo(1 + Long.numberOfTrailingZeros(~i));
            assertThat(store.readBatches).isEqualTo(1);
            total += store.nodesWritten;
        }
        assertThat(total).isEqualTo(2 * 1024 - 1);
    }

    @Test
    void aProofReadsOneBatchOfLogarithmicallyManyStoredHashes() {
        CountingNodeStore store = new CountingNodeStore(new InMemoryNodeStore());
        MerkleLog log = new MerkleLog(store);
        List<NewLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < 100_003; i++) {
            leaves.add(Leaves.leaf(i));
        }
        log.append(leaves);
        Random random = new Random(9162);
        for (int sample = 0; sample < 500; sample++) {
            long n = 1 + random.nextInt(100_003);
            long m = random.nextInt((int) n);
            store.reset();
            log.inclusionProof(m, n);
            log.consistencyProof(m + 1, n);
            log.root(n);
            assertThat(store.readBatches).isEqualTo(3);
            // ceil(log2 n) = 17 levels: at most ~2 hashes per level per proof, plus the root's <= 17.
            assertThat(store.hashesRead).isLessThanOrEqualTo(2 * 18 + 2 * 18 + 18);
        }
    }

    @Test
    void theEmptyLogHasTheEmptyRoot() {
        assertThat(new MerkleLog(new InMemoryNodeStore()).root(0)).isEqualTo(Rfc6962.emptyRoot());
    }

    @Test
    void outOfRangeProofRequestsAreRejected() {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(log, null, 0, 10);

        assertThatThrownBy(() -> log.inclusionProof(10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.inclusionProof(0, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.inclusionProof(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.consistencyProof(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.root(11)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.consistencyProof(5, 5)).isEmpty();
    }

    @Test
    void anEventIdCanBeLoggedOnlyOnce() {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        log.append(Leaves.leaf(1));

        assertThatThrownBy(() -> log.append(Leaves.leaf(1))).isInstanceOf(LogStorageException.class);
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void entriesAreListedByRangeClippedToTheSizeAndFoundByEventId() {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        Leaves.appendEach(log, null, 0, 10);

        List<LeafEntry> entries = log.entries(8, 20);
        assertThat(entries).extracting(LeafEntry::index).containsExactly(8L, 9L);
        assertThat(entries.get(0).leafInput()).isEqualTo(Leaves.leaf(8).leafInput());
        assertThat(entries.get(0).leafHash()).isEqualTo(Rfc6962.leafHash(Leaves.leaf(8).leafInput()));
        assertThat(log.entryByEventId("ev-3")).get().extracting(LeafEntry::index).isEqualTo(3L);
        assertThat(log.entryByEventId("nope")).isEmpty();
    }

    static void assertSameHashes(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
    }
}
