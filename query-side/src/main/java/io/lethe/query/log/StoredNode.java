package io.lethe.query.log;

/**
 * A perfect-subtree hash to persist.
 *
 * @param id   where the node sits
 * @param hash its 32-byte RFC 6962 hash
 */
public record StoredNode(NodeId id, byte[] hash) {
}
