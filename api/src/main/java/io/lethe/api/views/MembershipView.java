package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code GET .../membership?recordId=}: whether a version's lineage holds a record, with the proof.
 * The verifier artifact's {@code MembershipViews.toProof} turns the JSON back into its proof type, so
 * auditors check it against the version's {@code lineageRoot}.
 *
 * @param member      true: {@code proof} is an inclusion proof; false: a non-inclusion proof
 * @param commitment  the record's commitment (standard base64)
 * @param lineageRoot the root the proof verifies against (also in the version view)
 */
public record MembershipView(boolean member, String commitment, String lineageRoot, Proof proof) {

    /** {@code type} is {@code inclusion} (with {@code leaf}) or {@code non-inclusion} (with {@code left}/{@code right}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proof(String type, long treeSize, Leaf leaf, Leaf left, Leaf right) {
    }

    /** A lineage leaf: its index, commitment and RFC 9162 audit path (base64 hashes). */
    public record Leaf(long index, String commitment, List<String> auditPath) {
    }
}
