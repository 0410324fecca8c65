/**
 * A small, dependency-free verifier for Lethe's transparency log and lineage proofs.
 *
 * <p>Auditors use this package without trusting the server: it checks RFC 6962 / RFC 9162 inclusion and
 * consistency proofs ({@link io.lethe.api.verify.MerkleProofs}), subtree proofs of the Merkle Tree Certificates
 * draft ({@link io.lethe.api.verify.SubtreeProofs}), C2SP signed notes and tlog checkpoints
 * ({@link io.lethe.api.verify.SignedNote}, {@link io.lethe.api.verify.Checkpoint}) and lineage membership /
 * non-membership proofs ({@link io.lethe.api.verify.MembershipProof}). Every check is a pure function; a failed
 * check throws {@link io.lethe.api.verify.VerificationException} naming a {@link io.lethe.api.verify.Failure}.
 */
package io.lethe.api.verify;
