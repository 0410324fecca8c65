package io.lethe.verifier.bundle;

import io.lethe.api.Json;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.RootAccumulator;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.SignedNoteTest;
import io.lethe.verifier.VersionDigest;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small bundle as the exporter writes it: 20 leaves (leaf 12 completes version 1 of model-a), 4 checkpoints (the first of the empty log). */
record SampleBundle(byte[] bytes, NoteVerifier logKey, String digest) {

    static final String ORIGIN = "lethe.test/log";
    private static final int LEAVES = 20;
    private static final int VERSION_LEAF = 12;

    static SampleBundle build(long seed) throws Exception {
        return build(seed, List.of());
    }

    /** The sample with a cosigned checkpoint at the last size, cosigned by {@code witnesses} (w1, w2, ... named). */
    static SampleBundle build(long seed, List<KeyPair> witnesses) throws Exception {
        KeyPair keys = keys(seed);
        NoteVerifier logKey = new NoteVerifier(ORIGIN, NoteVerifier.rawKey(keys.getPublic()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String digest;
        try (AuditBundleWriter bundle = new AuditBundleWriter(out, ORIGIN)) {
            bundle.key(logKey);
            List<byte[]> leaves = new java.util.ArrayList<>();
            VersionCompletedEvent version = version();
            digest = version.digest();
            for (int i = 0; i < LEAVES; i++) {
                leaves.add(i == VERSION_LEAF ? leaf(i, "lethe.VersionCompleted", Json.mapper().valueToTree(version))
                        : leaf(i, "lethe.RecordsIngested", Json.mapper().createObjectNode().put("n", i)));
            }
            RootAccumulator roots = new RootAccumulator();
            bundle.checkpoint(0, signedCheckpoint(keys, 0, roots.root()));
            List<Integer> sizes = List.of(5, 13, LEAVES);
            for (byte[] leaf : leaves) {
                roots.add(Rfc6962.leafHash(leaf));
                if (sizes.contains((int) roots.size())) {
                    bundle.checkpoint(roots.size(), signedCheckpoint(keys, roots.size(), roots.root()));
                }
            }
            if (!witnesses.isEmpty()) {
                bundle.cosigned(roots.size(), cosigned(signedCheckpoint(keys, roots.size(), roots.root()), witnesses));
            }
            for (int i = 0; i < LEAVES; i++) {
                bundle.leaf(i, leaves.get(i));
            }
            bundle.version("model-a", 1, digest, version.lineageRoot(), version.lineageSize());
        }
        return new SampleBundle(out.toByteArray(), logKey, digest);
    }

    static KeyPair keys(long seed) throws Exception {
        return SignedNoteTest.ed25519(seed);
    }

    private static VersionCompletedEvent version() {
        List<String> records = Lineage.sorted(List.of(commitment(1), commitment(2), commitment(3)));
        ComponentLineage backbone = new ComponentLineage("backbone", ComponentKind.BACKBONE, 0, 7L, "ab".repeat(32),
                Lineage.root(records), records.size(), records);
        String digest = VersionDigest.of("model-a", 1, List.of(backbone));
        return new VersionCompletedEvent(ModelId.of("model-a"), 1, 0, VersionCause.TRAIN_BACKBONE, "job-1", digest,
                Lineage.root(records), records.size(), List.of(backbone), Map.of("accuracy", 0.5), Map.of());
    }

    private static String commitment(int i) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) i;
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] leaf(int index, String type, com.fasterxml.jackson.databind.JsonNode data) {
        return new EventEnvelope("event-" + index, type, "Model", "model-a", index,
                Instant.parse("2026-12-01T00:00:00Z").plusSeconds(index), data, index).leafInput();
    }

    /** The witness named {@code w<i+1>.test/witness} for the i-th key. */
    static CosignatureVerifier witness(int i, KeyPair key) {
        return new CosignatureVerifier("w" + (i + 1) + ".test/witness", NoteVerifier.rawKey(key.getPublic()));
    }

    private static String cosigned(String note, List<KeyPair> witnesses) throws Exception {
        SignedNote signed = SignedNote.parse(note);
        List<NoteSignature> lines = new java.util.ArrayList<>(signed.signatures());
        for (int i = 0; i < witnesses.size(); i++) {
            long timestamp = 1_764_547_200L + i;
            java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
            ed25519.initSign(witnesses.get(i).getPrivate());
            ed25519.update(CosignatureVerifier.signedMessage(timestamp, signed.body()));
            lines.add(witness(i, witnesses.get(i)).line(timestamp, ed25519.sign()));
        }
        return new SignedNote(signed.body(), lines).format();
    }

    private static String signedCheckpoint(KeyPair keys, long size, byte[] root) throws Exception {
        String body = new Checkpoint(ORIGIN, size, root).body();
        return new SignedNote(body, List.of(SignedNoteTest.sign(ORIGIN, keys, body))).format();
    }
}
