package io.lethe.api.events;

import io.lethe.api.jobs.ComponentKind;

import java.util.List;

/**
 * A component of a completed version: its weights digest and its lineage commitment.
 *
 * @param lineageRoot  base64 RFC 6962 Merkle root over the sorted commitments (each leaf = the 32 raw bytes)
 * @param lineageSize  number of commitments
 * @param commitments  the sorted commitments themselves, so anyone can build (non-)membership proofs
 */
public record ComponentLineage(String componentId, ComponentKind kind, int rank, long seed, String weightsDigest,
                               String lineageRoot, int lineageSize, List<String> commitments) {

    public ComponentLineage {
        commitments = List.copyOf(commitments);
    }
}
