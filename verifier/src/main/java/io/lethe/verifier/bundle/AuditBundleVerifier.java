package io.lethe.verifier.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.CosignatureVerifier;
import io.lethe.verifier.NoteSignature;
import io.lethe.verifier.NoteVerifier;
import io.lethe.verifier.Rfc6962;
import io.lethe.verifier.RootAccumulator;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.TrustedKeys;
import io.lethe.verifier.VerificationException;
import io.lethe.verifier.WitnessPolicy;
import io.lethe.verifier.certificates.CertificateVerifier;
import io.lethe.verifier.certificates.SignedErasureCertificate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Checks an {@link AuditBundle} with nothing but the bundle and, ideally, the log keys obtained out of band: every
 * checkpoint's signature, the RFC 6962 root of the bundle's leaves at every checkpoint, every leaf's hash, the digest
 * and lineage roots of every version the log records against what the bundle states, and every erasure certificate
 * (its signature, its checkpoint against the bundle's own leaves, its completion leaf against the bundle's leaf).
 * One pass, memory 32 bytes per leaf. Never throws for what it finds; only for a bundle it cannot read.
 */
public final class AuditBundleVerifier {

    /**
     * @param pinned   the log keys to trust; when empty, the policy's log keys, else the bundle's own key lines,
     *                 which are only the exporter's word
     * @param policy   a witness policy the bundle's cosigned checkpoint must meet ({@code --witness-policy})
     * @param progress told the bytes read so far, now and then (for a progress bar)
     */
    public record Options(Optional<TrustedKeys> pinned, Optional<WitnessPolicy> policy, LongConsumer progress) {

        /** No witness policy. */
        public Options(Optional<TrustedKeys> pinned, LongConsumer progress) {
            this(pinned, Optional.empty(), progress);
        }

        public static Options trustingBundleKeys() {
            return new Options(Optional.empty(), bytes -> { });
        }
    }

    private final Options options;
    private final List<String> checks = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<NoteVerifier> bundleKeys = new ArrayList<>();
    private final Deque<Checkpoint> checkpointsAhead = new ArrayDeque<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final RootAccumulator roots = new RootAccumulator();
    private final LeafHashes leafHashes = new LeafHashes();
    private final LoggedVersions loggedVersions = new LoggedVersions();
    private String origin;
    private TrustedKeys trusted;
    private int versionsStated;
    private int certificates;
    private boolean cosignedSeen;

    private AuditBundleVerifier(Options options) {
        this.options = options;
    }

    public static AuditReport verify(InputStream bundle, Options options) throws IOException {
        return new AuditBundleVerifier(options).run(new BufferedInputStream(bundle, 1 << 16));
    }

    private AuditReport run(InputStream in) throws IOException {
        BundleReader reader = new BundleReader(in, options.progress(), failures::add);
        for (BundleLine line = reader.next(); line != null; line = reader.next()) {
            try {
                apply(line);
            } catch (BundleLine.BadLine e) {
                failures.add(e.getMessage());
            }
        }
        options.progress().accept(reader.bytesRead());
        finish(reader.lines());
        return new AuditReport(checks, failures);
    }

    private void apply(BundleLine line) throws BundleLine.BadLine {
        switch (line.kind()) {
            case AuditBundle.HEADER -> header(line);
            case AuditBundle.KEY -> key(line);
            case AuditBundle.CHECKPOINT -> checkpoint(line);
            case AuditBundle.COSIGNED -> cosigned(line);
            case AuditBundle.LEAF -> leaf(line);
            case AuditBundle.VERSION -> version(line);
            case AuditBundle.CERTIFICATE -> certificate(line);
            default -> throw new IllegalStateException(line.kind());
        }
    }

    private void header(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("format", "origin");
        if (!AuditBundle.FORMAT.equals(line.text("format"))) {
            throw new BundleLine.BadLine(line.where() + ": format " + line.text("format") + " is not "
                    + AuditBundle.FORMAT);
        }
        origin = line.text("origin");
        checks.add("bundle " + AuditBundle.FORMAT + " of the log " + origin);
    }

    private void key(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("keyName", "keyId", "publicKey");
        NoteVerifier key;
        try {
            key = new NoteVerifier(line.text("keyName"), line.base64("publicKey"));
        } catch (IllegalArgumentException e) {
            throw new BundleLine.BadLine(line.where() + ": " + e.getMessage());
        }
        if (!String.format("%08x", key.keyId()).equals(line.text("keyId"))) {
            throw new BundleLine.BadLine(line.where() + ": key id " + line.text("keyId")
                    + " is not the id of its name and public key");
        }
        bundleKeys.add(key);
    }

    private void checkpoint(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("treeSize", "note");
        TrustedKeys keys = trustedKeys();
        if (keys == null) {
            throw new BundleLine.BadLine(line.where() + ": no key to check it with");
        }
        long size = line.number("treeSize");
        try {
            Checkpoint checkpoint = keys.verifyCheckpoint(line.text("note"), origin);
            if (checkpoint.treeSize() != size) {
                throw new BundleLine.BadLine(line.where() + ": treeSize " + size + " but its note says "
                        + checkpoint.treeSize());
            }
            if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).treeSize() >= size) {
                throw new BundleLine.BadLine(line.where() + ": checkpoints must grow (size " + size + ")");
            }
            checkpoints.add(checkpoint);
            checkpointsAhead.add(checkpoint);
            checkRootsAtCurrentSize(); // a checkpoint of the empty log is checked before any leaf
        } catch (VerificationException e) {
            throw new BundleLine.BadLine(line.where() + ": the checkpoint at size " + size + " does not verify: "
                    + e.getMessage());
        }
    }

    /**
     * The cosigned checkpoint: signed by the log, one of the bundle's checkpoints, and with a policy, cosigned by
     * a quorum of its witnesses; a policy witness's line that does not verify fails even where the quorum has slack.
     */
    private void cosigned(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("treeSize", "note");
        if (cosignedSeen) {
            throw new BundleLine.BadLine(line.where() + ": a bundle holds at most one cosigned checkpoint");
        }
        cosignedSeen = true;
        TrustedKeys keys = trustedKeys();
        if (keys == null) {
            throw new BundleLine.BadLine(line.where() + ": no key to check it with");
        }
        String note = line.text("note");
        try {
            Checkpoint checkpoint = keys.verifyCheckpoint(note, origin);
            if (checkpoint.treeSize() != line.number("treeSize")) {
                throw new BundleLine.BadLine(line.where() + ": treeSize " + line.number("treeSize")
                        + " but its note says " + checkpoint.treeSize());
            }
            if (!checkpoints.contains(checkpoint)) {
                throw new BundleLine.BadLine(line.where() + ": the cosigned checkpoint at size "
                        + checkpoint.treeSize() + " is none of the bundle's signed checkpoints");
            }
            if (options.policy().isEmpty()) {
                checks.add("cosigned checkpoint at size " + checkpoint.treeSize() + ": "
                        + (SignedNote.parse(note).signatures().size() - 1) + " other signature lines, unchecked"
                        + " without a witness policy (--witness-policy)");
                return;
            }
            WitnessPolicy policy = options.policy().get();
            badPolicyCosignatures(SignedNote.parse(note), policy, line);
            checks.add("cosigned checkpoint at size " + checkpoint.treeSize() + " meets the witness policy, cosigned by "
                    + policy.verify(note, origin).cosigners());
        } catch (VerificationException e) {
            throw new BundleLine.BadLine(line.where() + ": the cosigned checkpoint does not verify: " + e.getMessage());
        }
    }

    private void badPolicyCosignatures(SignedNote note, WitnessPolicy policy, BundleLine line) {
        for (CosignatureVerifier witness : policy.witnesses().values()) {
            for (NoteSignature signature : note.signatures()) {
                if (witness.names(signature)) {
                    try {
                        witness.verify(note.body(), signature);
                    } catch (VerificationException e) {
                        failures.add(line.where() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * The pinned keys, else the witness policy's log keys, else the bundle's own; decided at the first checkpoint,
     * once every key line is read.
     */
    private TrustedKeys trustedKeys() {
        if (trusted == null && options.pinned().isPresent()) {
            trusted = options.pinned().get();
            checks.add("trusting only the pinned keys " + trusted.ids());
        } else if (trusted == null && options.policy().isPresent() && origin != null) {
            trusted = options.policy().get().logKeys(origin);
            checks.add("trusting only the witness policy's log keys " + trusted.ids());
        } else if (trusted == null && !bundleKeys.isEmpty()) {
            trusted = new TrustedKeys(bundleKeys);
            checks.add("trusting the bundle's own keys " + trusted.ids() + ": only the exporter's word; pin the"
                    + " log's keys (--public-key) to check the bundle against them");
        }
        return trusted;
    }

    private void leaf(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("index", "hash", "input");
        long index = line.number("index");
        if (index != roots.size()) {
            throw new BundleLine.BadLine(line.where() + ": leaf " + index + " where leaf " + roots.size()
                    + " belongs (a leaf is missing, repeated or moved)");
        }
        byte[] input = line.base64("input");
        byte[] hash = Rfc6962.leafHash(input);
        if (!Arrays.equals(hash, line.base64("hash"))) {
            failures.add(line.where() + ": leaf " + index + "'s hash is not the hash of its input");
        }
        roots.add(hash);
        leafHashes.add(hash);
        readEvent(index, input);
        checkRootsAtCurrentSize();
    }

    private void readEvent(long index, byte[] input) {
        try {
            loggedVersions.apply(index, Json.mapper().readTree(input), failures::add);
        } catch (IOException e) {
            failures.add("leaf " + index + ": its input is not a JSON event");
        }
    }

    private void checkRootsAtCurrentSize() {
        while (!checkpointsAhead.isEmpty() && checkpointsAhead.peek().treeSize() == roots.size()) {
            Checkpoint checkpoint = checkpointsAhead.poll();
            if (!Arrays.equals(checkpoint.rootHash(), roots.root())) {
                failures.add("checkpoint at size " + checkpoint.treeSize() + ": its signed root differs from the"
                        + " root of the bundle's leaves 0.." + (checkpoint.treeSize() - 1));
            }
        }
    }

    private void version(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("modelId", "version", "digest", "lineageRoot", "lineageSize");
        String modelId = line.text("modelId");
        long version = line.number("version");
        LoggedVersions.Logged logged = loggedVersions.find(modelId, version);
        String what = line.where() + ": version " + version + " of " + modelId;
        if (logged == null) {
            throw new BundleLine.BadLine(what + " is completed by no leaf of the log");
        }
        if (!java.util.Objects.equals(logged.digest(), line.text("digest"))) {
            failures.add(what + " states digest " + line.text("digest") + " but leaf " + logged.leafIndex()
                    + " logs " + logged.digest());
        }
        if (!java.util.Objects.equals(logged.lineageRoot(), line.text("lineageRoot")) || logged.lineageSize() != line.number("lineageSize")) {
            failures.add(what + " states another lineage (root or size) than leaf " + logged.leafIndex() + " logs");
        }
        versionsStated++;
    }

    private void certificate(BundleLine line) throws BundleLine.BadLine {
        line.requireFields("erasureId", "signed");
        String erasureId = line.text("erasureId");
        String what = line.where() + ": the certificate of erasure " + erasureId;
        SignedErasureCertificate signed;
        try {
            signed = Json.mapper().treeToValue(line.object("signed"), SignedErasureCertificate.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleLine.BadLine(what + " does not read as a signed certificate");
        }
        if (!erasureId.equals(signed.certificate().erasureId())) {
            throw new BundleLine.BadLine(what + " certifies erasure " + signed.certificate().erasureId());
        }
        TrustedKeys keys = trustedKeys();
        if (keys == null) {
            throw new BundleLine.BadLine(what + ": no key to check it with");
        }
        Checkpoint checkpoint;
        try {
            CertificateVerifier.verify(signed, keys, origin);
            checkpoint = keys.verifyCheckpoint(signed.certificate().checkpoint(), origin);
        } catch (VerificationException | RuntimeException e) {
            throw new BundleLine.BadLine(what + " does not verify: " + e.getMessage());
        }
        new CertificateInLog(signed.certificate(), what).check(checkpoint, leafHashes, checkpoints, failures);
        certificates++;
    }

    private void finish(long lines) {
        if (origin == null) {
            failures.add("no header line: not a bundle");
            return;
        }
        if (options.policy().isPresent() && !cosignedSeen) {
            failures.add("checkpoint: a witness policy was given but the bundle holds no cosigned checkpoint");
        }
        checkRootsAtCurrentSize();
        for (Checkpoint left : checkpointsAhead) {
            failures.add("checkpoint at size " + left.treeSize() + " covers more leaves than the bundle's "
                    + roots.size());
        }
        long covered = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).treeSize();
        if (roots.size() > covered) {
            failures.add("leaves " + covered + ".." + (roots.size() - 1) + " are covered by no signed checkpoint");
        }
        if (failures.isEmpty()) {
            checks.add(checkpoints.size() + " signed checkpoints; the roots of " + roots.size()
                    + " leaves match every one");
            checks.add(loggedVersions.size() + " completed versions in the log, their digests and lineage roots"
                    + " recomputed; " + versionsStated + " stated by the bundle, each as logged");
            checks.add(certificates + " erasure certificates verify against the bundle's log");
        }
        checks.add(lines + " lines read");
    }
}
