package io.lethe.query.log;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The C2SP tlog-tiles tiles of a 70,000-leaf log (the spec's own example) against the RFC 6962 definitions: tile n
 * at level l holds MTH(D[(n*256+i)*256^l : (n*256+i+1)*256^l]) for i below its width.
 */
class TileHashesTest {

    private static final int SIZE = 70_000;
    private static MerkleLog log;
    private static NaiveTree naive;

    @BeforeAll
    static void buildTheSpecsExampleTree() {
        log = new MerkleLog(new InMemoryNodeStore());
        naive = new NaiveTree();
        List<NewLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            leaves.add(Leaves.leaf(i));
            naive.add(Leaves.leaf(i).leafInput());
        }
        log.append(leaves);
    }

    @Test
    void everyFullAndPartialTileTheSpecListsHoldsTheRfcHashes() {
        // 273 full level-0 tiles and one of width 112; one full level-1 tile and one of width 17; level 2 width 1.
        for (int n = 0; n < 273; n++) {
            assertTile(0, n, 256);
        }
        assertTile(0, 273, 112);
        assertTile(1, 0, 256);
        assertTile(1, 1, 17);
        assertTile(2, 0, 1);
    }

    @Test
    void refusesTilesTheLogDoesNotHoldYet() {
        assertThatThrownBy(() -> log.tileHashes(0, 273, 113)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.tileHashes(1, 1, 18)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.tileHashes(3, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertTile(int level, long index, int width) {
        List<byte[]> tile = log.tileHashes(level, index, width);
        assertThat(tile).hasSize(width);
        int span = 1 << (8 * level);
        for (int i = 0; i < width; i++) {
            int from = (int) ((index * 256 + i) * span);
            assertThat(tile.get(i)).as("tile %d/%d hash %d", level, index, i).isEqualTo(naive.hash(from, from + span));
        }
    }
}
