package io.lethe.api.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.api.verify.MembershipProof;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET .../membership?recordId=}: whether a version's lineage holds a record, with the proof.
 * {@link #toProof()} turns the JSON back into the verifier's type, so auditors check it with
 * {@link MembershipProof#verify(byte[], byte[])} against the version's {@code lineageRoot}.
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

        static Leaf of(MembershipProof.LeafProof proof) {
            return new Leaf(proof.index(), b64(proof.commitment()),
                    proof.auditPath().stream().map(MembershipView::b64).toList());
        }

        MembershipProof.LeafProof toLeafProof() {
            return new MembershipProof.LeafProof(index, unb64(commitment),
                    auditPath.stream().map(MembershipView::unb64).toList());
        }
    }

    public static MembershipView of(String commitment, String lineageRoot, MembershipProof proof) {
        if (proof instanceof MembershipProof.Inclusion inclusion) {
            return new MembershipView(true, commitment, lineageRoot,
                    new Proof("inclusion", inclusion.treeSize(), Leaf.of(inclusion.leaf()), null, null));
        }
        MembershipProof.NonInclusion absent = (MembershipProof.NonInclusion) proof;
        return new MembershipView(false, commitment, lineageRoot, new Proof("non-inclusion", absent.treeSize(), null,
                absent.left().map(Leaf::of).orElse(null), absent.right().map(Leaf::of).orElse(null)));
    }

    public MembershipProof toProof() {
        if ("inclusion".equals(proof.type())) {
            return new MembershipProof.Inclusion(proof.treeSize(), proof.leaf().toLeafProof());
        }
        return new MembershipProof.NonInclusion(proof.treeSize(),
                Optional.ofNullable(proof.left()).map(Leaf::toLeafProof),
                Optional.ofNullable(proof.right()).map(Leaf::toLeafProof));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] unb64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
