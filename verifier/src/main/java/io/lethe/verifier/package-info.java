/**
 * A small, dependency-free verifier for Lethe's transparency log and lineage proofs.
 *
 * <p>Auditors use this package without trusting the server: it checks RFC 6962 / RFC 9162 inclusion and
 * consistency proofs ({@link io.lethe.verifier.MerkleProofs}), subtree proofs of the Merkle Tree Certificates
 * draft ({@link io.lethe.verifier.SubtreeProofs}), C2SP signed notes and tlog checkpoints
 * ({@link io.lethe.verifier.SignedNote}, {@link io.lethe.verifier.Checkpoint}) and lineage membership /
 * non-membership proofs ({@link io.lethe.verifier.MembershipProof}). Every check is a pure function; a failed
 * check throws {@link io.lethe.verifier.VerificationException} naming a {@link io.lethe.verifier.Failure}.
 */
package io.lethe.verifier;
