package io.lethe.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.certificates.CertificateVerifier;
import io.lethe.api.certificates.SignedErasureCertificate;
import io.lethe.api.cloudevents.CanonicalJson;
import io.lethe.api.verify.Checkpoint;
import io.lethe.api.verify.CosignatureVerifier;
import io.lethe.api.verify.NoteSignature;
import io.lethe.api.verify.NoteVerifier;
import io.lethe.api.verify.Rfc6962;
import io.lethe.api.verify.SignedNote;
import io.lethe.api.verify.TrustedKeys;
import io.lethe.api.verify.VerificationException;
import io.lethe.api.verify.WitnessPolicy;
import io.lethe.app.verify.RootAccumulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an {@link AuditBundle} with nothing but the bundle and the keys the auditor trusts: every checkpoint's
 * signature, that the entries hash to every signed root, the cosigned checkpoint against a witness policy, every
 * erasure certificate, and every version's digest and lineage roots recomputed from the log entry recording it.
 * Each failure names its line and what it is about.
 */
public final class AuditVerifier {

    /** Failures listed before the rest are only counted: a garbled bundle must not flood the terminal. */
    private static final int MAX_FAILURES = 50;

    /**
     * @param origin the log's origin
     * @param pinned log keys the auditor pins ({@code --public-key}); else the policy's, else the bundle's own
     * @param policy a witness policy the cosigned checkpoint must meet ({@code --witness-policy})
     */
    public record Options(String origin, Optional<TrustedKeys> pinned, Optional<WitnessPolicy> policy) {
    }

    private final Options options;
    private final Progress progress;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<NoteVerifier> bundleKeys = new ArrayList<>();
    private final ExpectedRoots roots = new ExpectedRoots();
    private final Map<Long, VersionCheck> versionsByLeaf = new HashMap<>();
    private final RootAccumulator tree = new RootAccumulator();
    private final Set<String> cosigners = new TreeSet<>();
    private TrustedKeys trusted;
    private long lineNo;
    private int stage = -1;
    private long headerTreeSize = -1;
    private long lastCheckpointSize = -1;
    private long firstEntryLine = -1;
    private boolean cosignedSeen;
    private boolean ended;
    private int checkpoints;
    private int certificates;
    private int versions;
    private int extraFailures;

    private AuditVerifier(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Reads the bundle to its end and reports; never stops at the first failure. */
    public static AuditReport verify(BufferedReader bundle, Options options, Progress progress) throws IOException {
        AuditVerifier verifier = new AuditVerifier(options, progress);
        for (String line = bundle.readLine(); line != null; line = bundle.readLine()) {
            verifier.line(line);
        }
        return verifier.finish();
    }

    private void line(String text) {
        lineNo++;
        if (ended) {
            fail("line " + lineNo + ": data after the end line");
            return;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            fail("line " + lineNo + ": not a JSON object (" + firstLine(e.getMessage()) + ")");
            return;
        }
        String type = node == null ? "" : node.path("type").asText();
        Set<String> fields = AuditBundle.FIELDS.get(type);
        if (fields == null || !node.isObject()) {
            fail("line " + lineNo + ": unknown line type '" + type + "'");
            return;
        }
        Set<String> present = new TreeSet<>();
        node.fieldNames().forEachRemaining(present::add);
        if (!present.equals(new TreeSet<>(fields))) {
            fail("line " + lineNo + " (" + type + "): fields " + present + ", expected " + new TreeSet<>(fields));
            return;
        }
        if (!inOrder(type)) {
            return;
        }
        try {
            dispatch(type, node);
        } catch (VerificationException | IllegalArgumentException e) {
            fail("line " + lineNo + " (" + type + "): " + e.getMessage());
        }
    }

    private boolean inOrder(String type) {
        int at = AuditBundle.ORDER.indexOf(type);
        if ((lineNo == 1) != type.equals("header") || at < stage
                || (at == stage && (type.equals("header") || type.equals("cosigned")))) {
            fail("line " + lineNo + ": a " + type + " line out of order (after "
                    + (stage < 0 ? "nothing" : AuditBundle.ORDER.get(stage) + " lines") + ")");
            return false;
        }
        if (stage <= AuditBundle.ORDER.indexOf("key") && at > AuditBundle.ORDER.indexOf("key")) {
            trusted = resolveTrust();
        }
        stage = at;
        return true;
    }

    private void dispatch(String type, JsonNode node) throws VerificationException {
        switch (type) {
            case "header" -> header(node);
            case "key" -> bundleKeys.add(NoteVerifier.parse(node.path("vkey").asText()));
            case "checkpoint" -> checkpoint(node.path("note").asText());
            case "cosigned" -> cosigned(node.path("note").asText());
            case "version" -> version(node);
            case "certificate" -> certificate(node);
            case "entry" -> entry(node);
            default -> end(node);
        }
    }

    private void header(JsonNode node) {
        if (!AuditBundle.FORMAT.equals(node.path("format").asText())) {
            throw new IllegalArgumentException("format " + node.path("format") + ", this verifier reads "
                    + AuditBundle.FORMAT);
        }
        if (!options.origin().equals(node.path("origin").asText())) {
            throw new IllegalArgumentException("origin " + node.path("origin") + ", expected " + options.origin());
        }
        headerTreeSize = number(node, "treeSize");
    }

    /** Pinned keys, else the policy's log keys, else the bundle's own key history (said so in the notes). */
    private TrustedKeys resolveTrust() {
        if (options.pinned().isPresent()) {
            notes.add("trusting only the pinned keys " + options.pinned().get().ids());
            return options.pinned().get();
        }
        if (options.policy().isPresent()) {
            TrustedKeys keys = options.policy().get().logKeys(options.origin());
            notes.add("trusting only the witness policy's log keys " + keys.ids());
            return keys;
        }
        if (bundleKeys.isEmpty()) {
            fail("the bundle lists no log key, and none is pinned (--public-key)");
            return null;
        }
        TrustedKeys keys = new TrustedKeys(bundleKeys);
        notes.add("no --public-key: trusting the bundle's own key history " + keys.ids()
                + "; pin the log's key to check that too");
        return keys;
    }

    private void checkpoint(String note) throws VerificationException {
        Checkpoint checkpoint = requireTrust().verifyCheckpoint(note, options.origin());
        if (checkpoint.treeSize() <= lastCheckpointSize) {
            throw new IllegalArgumentException("checkpoint at size " + checkpoint.treeSize()
                    + " after one at size " + lastCheckpointSize + " (sizes must grow)");
        }
        lastCheckpointSize = checkpoint.treeSize();
        checkpoints++;
        roots.expect(checkpoint.treeSize(), checkpoint.rootHash(), "line " + lineNo + " (checkpoint at size "
                + checkpoint.treeSize() + ")");
    }

    private void cosigned(String note) throws VerificationException {
        cosignedSeen = true;
        Checkpoint checkpoint = requireTrust().verifyCheckpoint(note, options.origin());
        if (options.policy().isPresent()) {
            WitnessPolicy policy = options.policy().get();
            // A quorum with slack must not hide a policy witness's line that does not verify.
            SignedNote signed = SignedNote.parse(note);
            for (CosignatureVerifier witness : policy.witnesses().values()) {
                for (NoteSignature line : signed.signatures()) {
                    if (witness.names(line)) {
                        try {
                            witness.verify(signed.body(), line);
                        } catch (VerificationException e) {
                            fail("line " + lineNo + " (cosigned checkpoint): " + e.getMessage());
                        }
                    }
                }
            }
            cosigners.addAll(policy.verify(note, options.origin()).cosigners());
        } else {
            int lines = SignedNote.parse(note).signatures().size() - 1;
            notes.add("no --witness-policy: the cosigned checkpoint's " + lines + " other signature lines are not"
                    + " checked");
        }
        roots.expect(checkpoint.treeSize(), checkpoint.rootHash(), "line " + lineNo + " (cosigned checkpoint at"
                + " size " + checkpoint.treeSize() + ")");
    }

    private void version(JsonNode node) {
        long leaf = number(node, "leafIndex");
        versionsByLeaf.put(leaf, new VersionCheck(lineNo, node.path("modelId").asText(), node.path("version").asInt(),
                node.path("digest").asText(), node.path("lineageRoot").asText()));
    }

    private void certificate(JsonNode node) throws VerificationException {
        SignedErasureCertificate signed;
        try {
            signed = Json.mapper().treeToValue(node.path("signed"), SignedErasureCertificate.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a signed erasure certificate: " + firstLine(e.getMessage()));
        }
        String id = node.path("erasureId").asText();
        if (signed.certificate() == null || !id.equals(signed.certificate().erasureId())) {
            throw new IllegalArgumentException("erasure " + id + ": the certificate names another erasure");
        }
        try {
            CertificateVerifier.verify(signed, requireTrust(), options.origin());
        } catch (VerificationException e) {
            throw new IllegalArgumentException("certificate of erasure " + id + ": " + e.getMessage(), e);
        }
        Checkpoint covering = Checkpoint.parse(SignedNote.parse(signed.certificate().checkpoint()).body());
        roots.expect(covering.treeSize(), covering.rootHash(), "line " + lineNo + " (certificate of erasure " + id
                + ", its checkpoint at size " + covering.treeSize() + ")");
        certificates++;
    }

    private void entry(JsonNode node) {
        long index = number(node, "index");
        if (firstEntryLine < 0) {
            firstEntryLine = lineNo;
        }
        if (index != tree.size()) {
            fail("line " + lineNo + ": entry " + index + " where entry " + tree.size() + " was expected");
        }
        String encoded = node.path("leafInput").asText();
        byte[] leafInput;
        try {
            leafInput = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            leafInput = new byte[0];
        }
        String where = "line " + lineNo + " (entry " + tree.size() + ")";
        if (!Base64.getEncoder().encodeToString(leafInput).equals(encoded)) {
            fail(where + ": leafInput is not canonical base64");
        }
        JsonNode leaf = canonicalLeaf(leafInput, where);
        VersionCheck version = versionsByLeaf.remove(tree.size());
        if (version != null && leaf != null) {
            version.check(leaf, where).forEach(this::fail);
            versions++;
        }
        tree.add(Rfc6962.leafHash(leafInput));
        roots.reached(tree.size(), tree.root(), i -> firstEntryLine + i, failures);
        if (tree.size() % 1000 == 0 || tree.size() == headerTreeSize) {
            progress.update("verifying entries", tree.size(), headerTreeSize);
        }
    }

    /** Every leaf is an event's RFC 8785 JSON (or the 0.2 encoding): a changed byte rarely survives that. */
    private JsonNode canonicalLeaf(byte[] leafInput, String where) {
        try {
            JsonNode leaf = Json.mapper().readTree(leafInput);
            if (leaf != null && (Arrays.equals(CanonicalJson.bytes(leaf), leafInput)
                    || Arrays.equals(CanonicalJson.legacyBytes(leaf), leafInput))) {
                return leaf;
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        fail(where + ": the leaf is not an event's canonical JSON");
        return null;
    }

    private void end(JsonNode node) {
        ended = true;
        if (number(node, "lines") != lineNo - 1) {
            fail("line " + lineNo + ": the end line counts " + node.path("lines") + " lines before it, there are "
                    + (lineNo - 1));
        }
    }

    private AuditReport finish() {
        if (headerTreeSize < 0) {
            fail("no header line");
        }
        if (!ended) {
            fail("the bundle is truncated: no end line after line " + lineNo);
        }
        if (tree.size() != headerTreeSize) {
            fail("the header says " + headerTreeSize + " entries, the bundle holds " + tree.size());
        }
        if (tree.size() > 0 && lastCheckpointSize != tree.size()) {
            fail("the last checkpoint covers " + lastCheckpointSize + " of the " + tree.size()
                    + " entries: the rest are signed by nothing");
        }
        if (options.policy().isPresent() && !cosignedSeen) {
            fail("--witness-policy given, but the bundle holds no cosigned checkpoint");
        }
        roots.unreached(tree.size(), failures);
        versionsByLeaf.forEach((leaf, version) -> fail("line " + version.line() + " (version " + version.version()
                + " of " + version.modelId() + "): entry " + leaf + " is not in the bundle"));
        if (extraFailures > 0) {
            failures.add("... and " + extraFailures + " more");
        }
        return new AuditReport(List.copyOf(failures), List.copyOf(notes), tree.size(), checkpoints, versions,
                certificates, java.util.Collections.unmodifiableSet(new TreeSet<>(cosigners)));
    }

    private TrustedKeys requireTrust() throws VerificationException {
        if (trusted == null) {
            throw new IllegalArgumentException("no log key to check it with");
        }
        return trusted;
    }

    private void fail(String failure) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(failure);
        } else {
            extraFailures++;
        }
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " is not a non-negative integer");
        }
        return value.asLong();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
