package io.lethe.app.bench;

import io.lethe.api.events.StoredEvent;
import io.lethe.verifier.MerkleProofs;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.VerificationException;
import io.lethe.query.log.InMemoryNodeStore;
import io.lethe.query.log.MerkleLog;
import io.lethe.query.log.NewLeaf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The transparency log's costs against the hashing they cannot avoid, measured in the same run:
 * inclusion-proof generation at a million leaves and proof verification against computing the same
 * number of SHA-256 node hashes; replaying stored events into leaves and a root against hashing the
 * same bytes.
 */
final class LogBench {

    private static final int LEAVES = 1_000_000;
    private static final int PROOFS = 20_000;
    private static final int REPLAYED = 200_000;

    private final Random random = new Random(42);

    List<BenchResult> run() throws VerificationException {
        MerkleLog log = new MerkleLog(new InMemoryNodeStore());
        List<NewLeaf> batch = new ArrayList<>(10_000);
        for (int i = 0; i < LEAVES; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            batch.add(new NewLeaf(leaf, "e" + i, "bench"));
            if (batch.size() == 10_000) {
                log.append(batch);
                batch.clear();
            }
        }
        byte[] root = log.root(LEAVES);
        List<BenchResult> results = new ArrayList<>();
        results.add(proofGeneration(log));
        results.add(proofVerification(log, root));
        results.add(replay());
        return results;
    }

    private BenchResult proofGeneration(MerkleLog log) {
        long[] indexes = random.longs(PROOFS, 0, LEAVES).toArray();
        long began = System.nanoTime();
        int hashes = 0;
        for (long index : indexes) {
            hashes += log.inclusionProof(index, LEAVES).size();
        }
        double microsPerProof = (System.nanoTime() - began) / 1e3 / PROOFS;
        double baseline = microsForNodeHashes(hashes / PROOFS);
        return new BenchResult("inclusion-proof-generation-1M", "proofs/s", 1e6 / microsPerProof,
                "computing the path's SHA-256 node hashes (proofs/s)", 1e6 / baseline,
                Map.of("microsPerProof", microsPerProof, "hashesPerProof", (double) hashes / PROOFS));
    }

    private BenchResult proofVerification(MerkleLog log, byte[] root) throws VerificationException {
        List<long[]> picks = new ArrayList<>();
        List<List<byte[]>> proofs = new ArrayList<>();
        List<byte[]> leafHashes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long index = random.nextInt(LEAVES);
            picks.add(new long[] {index});
            proofs.add(log.inclusionProof(index, LEAVES));
            leafHashes.add(log.entries(index, index + 1).get(0).leafHash());
        }
        long began = System.nanoTime();
        int verified = 0;
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < picks.size(); i++) {
                MerkleProofs.verifyInclusion(leafHashes.get(i), picks.get(i)[0], LEAVES, proofs.get(i), root);
                verified++;
            }
        }
        double rate = verified / ((System.nanoTime() - began) / 1e9);
        double baseline = 1e6 / microsForNodeHashes(proofs.get(0).size());
        return new BenchResult("inclusion-proof-verification-1M", "proofs/s", rate,
                "computing the path's SHA-256 node hashes (proofs/s)", baseline, Map.of());
    }

    /** Stored rows to envelopes to canonical leaves to the root, against SHA-256 of the payload bytes alone. */
    private BenchResult replay() {
        List<byte[]> payloads = new ArrayList<>(REPLAYED);
        for (int i = 0; i < REPLAYED; i++) {
            payloads.add(("{\"modelId\":\"bench-" + (i / 4) + "\",\"task\":\"face\",\"preset\":\"paper-180nm\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String time = Instant.parse("2026-01-01T00:00:00Z").toString();
        long began = System.nanoTime();
        List<byte[]> leafHashes = new ArrayList<>(REPLAYED);
        for (int i = 0; i < REPLAYED; i++) {
            byte[] leaf = StoredEvent.fromRow("event-" + i, "io.lethe.api.events.ModelRegisteredEvent", "Model",
                    "bench-" + (i / 4), i % 4, time, payloads.get(i)).envelope(i).leafInput();
            leafHashes.add(Rfc6962.leafHash(leaf));
        }
        Rfc6962.rootOfLeafHashes(leafHashes);
        double rate = REPLAYED / ((System.nanoTime() - began) / 1e9);
        MessageDigest sha = sha256();
        long baseBegan = System.nanoTime();
        for (byte[] payload : payloads) {
            sha.digest(payload);
        }
        double baseline = REPLAYED / ((System.nanoTime() - baseBegan) / 1e9);
        return new BenchResult("replay-events-to-log-root", "events/s", rate, "SHA-256 of the payloads alone (events/s)",
                baseline, Map.of("events", (double) REPLAYED));
    }

    private static double microsForNodeHashes(int hashes) {
        byte[] left = new byte[32];
        byte[] right = new byte[32];
        int rounds = 200_000;
        long began = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            left = Rfc6962.nodeHash(left, right);
        }
        return (System.nanoTime() - began) / 1e3 / rounds * hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
