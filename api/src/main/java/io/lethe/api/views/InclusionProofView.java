package io.lethe.api.views;

import java.util.List;

/**
 * An RFC 9162 inclusion proof ({@code GET /api/log/proof/inclusion}).
 *
 * @param leafIndex the leaf proved
 * @param treeSize  the tree size the proof is for
 * @param hashes    the audit path, bottom up, base64
 */
public record InclusionProofView(long leafIndex, long treeSize, List<String> hashes) {
}
