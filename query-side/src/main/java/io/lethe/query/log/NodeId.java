package io.lethe.query.log;

/**
 * A perfect subtree of the log: the node at {@code level} (0 = leaf) and position {@code index} on that level,
 * covering leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 *
 * @param level the height above the leaves
 * @param index the position among the nodes of that level
 */
public record NodeId(int level, long index) {

    /** Rejects impossible coordinates. */
    public NodeId {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no node at level " + level + ", index " + index);
        }
    }

    /** @return the first leaf this subtree covers */
    public long firstLeaf() {
        return index << level;
    }
}
