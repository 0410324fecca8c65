package io.lethe.query.log;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Signs C2SP checkpoints of the log with Ed25519, and never signs one inconsistent with the latest it signed:
 * before signing it checks, with the auditors' verifier, a consistency proof from the previous checkpoint.
 */
public final class CheckpointSigner {

    private final String origin;
    private final KeyPair keys;
    private final NoteVerifier verifier;
    private final Clock clock;

    /**
     * @param origin the log's origin line, also the signature's key name (e.g. {@code lethe.local/log})
     * @param keys   the log's Ed25519 key pair
     * @param clock  stamps stored checkpoints
     */
    public CheckpointSigner(String origin, KeyPair keys, Clock clock) {
        this.origin = origin;
        this.keys = keys;
        this.verifier = new NoteVerifier(origin, NoteVerifier.rawKey(keys.getPublic()));
        this.clock = clock;
    }

    /** @return the origin line of every checkpoint */
    public String origin() {
        return origin;
    }

    /** @return the public key clients verify checkpoints with (name, raw key, key id) */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs a checkpoint at the log's current size; see {@link #sign(MerkleLog, CheckpointStore, long)}. */
    public StoredCheckpoint signLatest(MerkleLog log, CheckpointStore store) {
        return sign(log, store, log.size());
    }

    /**
     * Signs and stores the checkpoint of the first {@code treeSize} leaves, unless it contradicts the latest
     * stored checkpoint. Signing the latest size again returns the stored checkpoint.
     *
     * @throws InconsistentCheckpointException if the size shrank or the roots are not consistent
     */
    public StoredCheckpoint sign(MerkleLog log, CheckpointStore store, long treeSize) {
        byte[] root = log.root(treeSize);
        Optional<StoredCheckpoint> latest = store.latest();
        if (latest.isPresent()) {
            Optional<StoredCheckpoint> same = requireConsistent(log, latest.get(), treeSize, root);
            if (same.isPresent()) {
                return same.get();
            }
        }
        String note = noteFor(new Checkpoint(origin, treeSize, root));
        store.save(new StoredCheckpoint(treeSize, root, note, clock.instant()));
        return store.at(treeSize).orElseThrow(() -> new LogStorageException("checkpoint was not stored"));
    }

    /** @return the previous checkpoint if it already covers exactly this size and root */
    private Optional<StoredCheckpoint> requireConsistent(MerkleLog log, StoredCheckpoint previous, long treeSize,
            byte[] root) {
        long previousSize = previous.treeSize();
        if (treeSize < previousSize) {
            throw new InconsistentCheckpointException("tree size " + treeSize + " < signed size " + previousSize);
        }
        if (treeSize == previousSize) {
            if (!MessageDigest.isEqual(root, previous.rootHash())) {
                throw new InconsistentCheckpointException("root at size " + treeSize + " differs from the signed one");
            }
            return Optional.of(previous);
        }
        if (previousSize > 0) {
            List<byte[]> proof = log.consistencyProof(previousSize, treeSize);
            try {
                MerkleProofs.verifyConsistency(previousSize, treeSize, proof, previous.rootHash(), root);
            } catch (VerificationException e) {
                throw new InconsistentCheckpointException("size " + treeSize + " is not an extension of size "
                        + previousSize + ": " + e.failure(), e);
            }
        }
        return Optional.empty();
    }

    /** @return the signed note text for {@code checkpoint} */
    public String noteFor(Checkpoint checkpoint) {
        return sign(checkpoint.body()).format();
    }

    /** A detached Ed25519 signature over {@code message} with the log key (e.g. an erasure certificate). */
    public byte[] signDetached(byte[] message) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update(message);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Signs an arbitrary note body with the log key (C2SP signed-note). */
    public SignedNote sign(String body) {
        byte[] signature = signDetached(body.getBytes(StandardCharsets.UTF_8));
        return new SignedNote(body, List.of(new NoteSignature(verifier.keyName(), verifier.keyId(), signature)));
    }
}
