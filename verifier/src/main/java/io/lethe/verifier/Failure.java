package io.lethe.verifier;

/** Why a proof, note or checkpoint was rejected. Callers branch on this, never on message text. */
public enum Failure {
    /** A size, index or range bound is negative (values above 2^63-1 are not supported). */
    NEGATIVE_VALUE,
    /** The leaf index is not below the tree size. */
    INDEX_OUT_OF_RANGE,
    /** A hash is not exactly {@value Rfc6962#HASH_SIZE} bytes. */
    WRONG_HASH_SIZE,
    /** The proof has more or fewer hashes than the claimed tree shape needs. */
    WRONG_PROOF_SIZE,
    /** A proof was required but none was given. */
    EMPTY_PROOF,
    /** The recomputed root does not match the expected one. */
    ROOT_MISMATCH,
    /** A consistency proof was asked from a larger tree to a smaller one. */
    TREE_SHRANK,
    /** A consistency proof from the empty tree carries no information and is refused (RFC 9162). */
    EMPTY_FIRST_TREE,
    /** The range is not a subtree in the sense of the Merkle Tree Certificates draft. */
    INVALID_SUBTREE,
    /** Text is not a well-formed signed note or checkpoint. */
    MALFORMED_NOTE,
    /** No signature line carries the verifier's key name and key id. */
    NO_MATCHING_SIGNATURE,
    /** A signature line matched the key but the signature does not verify. */
    BAD_SIGNATURE,
    /** The checkpoint names a different origin than the verifier expected. */
    WRONG_ORIGIN,
    /** The two non-membership neighbours are not at adjacent indices (or the edge leaf is not at the edge). */
    NOT_ADJACENT,
    /** The neighbours do not bracket the commitment in strict unsigned lexicographic order. */
    NOT_ORDERED,
    /** A membership proof was offered for a commitment other than the one asked about. */
    WRONG_LEAF,
    /** A checkpoint lacks the witness cosignatures its policy's quorum asks for. */
    QUORUM_NOT_MET,
    /** A witness policy file is not in the Sigsum policy format. */
    MALFORMED_POLICY
}
