package io.lethe.api.views;

import java.util.List;

/**
 * An RFC 9162 consistency proof ({@code GET /api/log/proof/consistency}).
 *
 * @param fromSize the smaller tree size
 * @param toSize   the larger tree size
 * @param hashes   the proof, base64
 */
public record ConsistencyProofView(long fromSize, long toSize, List<String> hashes) {
}
