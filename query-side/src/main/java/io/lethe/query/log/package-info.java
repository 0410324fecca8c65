/**
 * The transparency log: an append-only RFC 6962 Merkle log of every domain event, with inclusion and consistency
 * proofs for any historical size and Ed25519-signed C2SP checkpoints.
 *
 * <p>Storage keeps each leaf hash and the hash of every perfect subtree as it completes, so appending never
 * rehashes the tree and every root or proof is a fold over O(log n) stored hashes read in one batch. Proofs are
 * checked with the auditors' own verifier in {@code io.lethe.verifier}.
 */
package io.lethe.query.log;
