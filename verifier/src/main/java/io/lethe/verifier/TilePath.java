package io.lethe.verifier;

import java.util.Optional;

/**
 * A C2SP tlog-tiles resource path (https://c2sp.org/tlog-tiles): {@code tile/<L>/<N>[.p/<W>]} for hash tiles and
 * {@code tile/entries/<N>[.p/<W>]} for entry bundles. {@code <N>} is written in 3-digit groups, all but the last
 * prefixed with {@code x} (1234067 is {@code x001/x234/067}); {@code .p/<W>} marks a partial tile of W < 256.
 *
 * @param entries whether this is an entry bundle rather than a hash tile
 * @param level   the tile level (0 for entry bundles): each hash covers 256^level leaves
 * @param index   the tile's index within its level
 * @param width   how many hashes (or entries) it holds, 1 to 256
 */
public record TilePath(boolean entries, int level, long index, int width) {

    /** Hashes per full tile, and the tile height of 8 levels of the tree. */
    public static final int FULL_WIDTH = 256;
    /** Tree levels one tile level spans. */
    public static final int HEIGHT = 8;

    /** Validates the coordinates. */
    public TilePath {
        if (level < 0 || level > 63 || index < 0 || width < 1 || width > FULL_WIDTH || (entries && level != 0)) {
            throw new IllegalArgumentException("no tile at level " + level + ", index " + index + ", width " + width);
        }
    }

    /** @return the path below the log's prefix, e.g. {@code tile/1/x001/234.p/17} */
    public String path() {
        return "tile/" + (entries ? "entries" : Integer.toString(level)) + "/" + encodeIndex(index)
                + (width == FULL_WIDTH ? "" : ".p/" + width);
    }

    /** @return {@code index} in 3-digit groups, every group but the last prefixed with {@code x} */
    public static String encodeIndex(long index) {
        String digits = Long.toString(index);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                path.append('/');
            }
            path.append(i + 3 < digits.length() ? "x" : "").append(digits, i, i + 3);
        }
        return path.toString();
    }

    /**
     * Parses the part after {@code tile/}; only canonical encodings parse, so one tile has one URL.
     *
     * @return the tile, or empty if the path is not a tile path
     */
    public static Optional<TilePath> parse(String afterTile) {
        String[] parts = afterTile.split("/", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        boolean entries = parts[0].equals("entries");
        if (!entries && !parts[0].matches("0|[1-9][0-9]?")) {
            return Optional.empty();
        }
        int end = parts.length;
        int width = FULL_WIDTH;
        if (end >= 3 && parts[end - 2].endsWith(".p")) {
            if (!parts[end - 1].matches("[1-9][0-9]{0,2}") || Integer.parseInt(parts[end - 1]) >= FULL_WIDTH) {
                return Optional.empty();
            }
            width = Integer.parseInt(parts[end - 1]);
            parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
            end--;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 1; i < end; i++) {
            boolean last = i == end - 1;
            if (!parts[i].matches(last ? "[0-9]{3}" : "x[0-9]{3}")) {
                return Optional.empty();
            }
            digits.append(last ? parts[i] : parts[i].substring(1));
        }
        if (digits.length() > 18 || (end > 2 && parts[1].equals("x000"))) {
            return Optional.empty();
        }
        int level = entries ? 0 : Integer.parseInt(parts[0]);
        return level > 63 ? Optional.empty()
                : Optional.of(new TilePath(entries, level, Long.parseLong(digits.toString()), width));
    }
}
