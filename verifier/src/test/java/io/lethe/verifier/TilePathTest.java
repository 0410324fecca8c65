package io.lethe.verifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The C2SP tlog-tiles path encoding, with the spec's own examples. */
class TilePathTest {

    @Test
    void encodesIndicesInThreeDigitGroupsPrefixedWithXButTheLast() {
        assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TilePath.encodeIndex(0)).isEqualTo("000");
        assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(new TilePath(false, 1, 1234067, 17).path()).isEqualTo("tile/1/x001/x234/067.p/17");
        assertThat(new TilePath(true, 0, 5, 256).path()).isEqualTo("tile/entries/005");
    }

    @Test
    void parsesWhatItEncodes() {
        for (TilePath tile : new TilePath[] {new TilePath(false, 0, 0, 256), new TilePath(false, 2, 1234067, 1),
                new TilePath(true, 0, 999, 255), new TilePath(false, 63, 1000, 256)}) {
            assertThat(TilePath.parse(tile.path().substring("tile/".length()))).contains(tile);
        }
    }

    @Test
    void refusesNonCanonicalPaths() {
        for (String path : new String[] {"0/5", "01/000", "0/x000/005", "0/000.p/256", "0/000.p/0", "0/000.p/07",
                "64/000", "0/001/002", "0", "entries", "0/x001", "1/000.p"}) {
            assertThat(TilePath.parse(path)).as(path).isEmpty();
        }
    }
}
