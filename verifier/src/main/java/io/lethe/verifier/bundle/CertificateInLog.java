package io.lethe.verifier.bundle;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.certificates.ErasureCertificate;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A verified certificate against the bundle's own log: its checkpoint must have the root of the bundle's leaves at
 * its size, and its completion leaf must be the bundle's leaf at its index. A certificate from another view of the
 * log (a split view) fails here even though its own proofs hold.
 */
record CertificateInLog(ErasureCertificate certificate, String what) {

    /** @param checkpoint the certificate's checkpoint, verified */
    void check(Checkpoint checkpoint, LeafHashes leaves, List<Checkpoint> checkpoints, List<String> failures) {
        if (checkpoint.treeSize() > leaves.size()) {
            failures.add(what + ": its checkpoint of " + checkpoint.treeSize() + " leaves is beyond the bundle's "
                    + leaves.size());
            return;
        }
        byte[] bundleRoot = checkpoints.stream().filter(c -> c.treeSize() == checkpoint.treeSize()).findFirst()
                .map(Checkpoint::rootHash).orElseGet(() -> leaves.root(checkpoint.treeSize()));
        if (!Arrays.equals(bundleRoot, checkpoint.rootHash())) {
            failures.add(what + ": its checkpoint at size " + checkpoint.treeSize() + " has root "
                    + b64(checkpoint.rootHash()) + " but the bundle's log has " + b64(bundleRoot) + " (a split view)");
        }
        long index = certificate.completionLeafIndex();
        byte[] completion = Rfc6962.leafHash(Base64.getDecoder().decode(certificate.completionLeafInput()));
        if (index >= leaves.size() || !Arrays.equals(leaves.get(index), completion)) {
            failures.add(what + ": its completion event is not the bundle's leaf " + index);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
