package io.lethe.verifier;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which checkpoints to believe: signed by one of the listed logs and cosigned by a quorum of witnesses, in the
 * line format of Sigsum's policy files (sigsum-go doc/policy.md):
 * <pre>
 * log &lt;hex key&gt; [url]
 * witness &lt;name&gt; &lt;hex key&gt; [url]
 * group &lt;name&gt; all|any|&lt;k&gt; &lt;member&gt;...
 * quorum &lt;name&gt;          # a witness, a group, or none
 * </pre>
 * {@code #} starts a comment, a name must be defined before it is used, and there is exactly one quorum line.
 * Two choices where Sigsum has no counterpart: a witness's name is also its C2SP cosignature key name (the key id
 * commits to it), and a log key signs under the checkpoint's origin.
 */
public final class WitnessPolicy {

    private final List<byte[]> logKeys;
    private final Map<String, CosignatureVerifier> witnesses;
    private final Quorum quorum;

    private WitnessPolicy(List<byte[]> logKeys, Map<String, CosignatureVerifier> witnesses, Quorum quorum) {
        this.logKeys = logKeys;
        this.witnesses = witnesses;
        this.quorum = quorum;
    }

    /** A rule a set of cosigners satisfies or not. */
    private sealed interface Quorum {
        boolean metBy(Set<String> cosigners);

        String describe();
    }

    private record Single(String name) implements Quorum {
        public boolean metBy(Set<String> cosigners) {
            return cosigners.contains(name);
        }

        public String describe() {
            return name;
        }
    }

    private record Group(String name, int threshold, List<Quorum> members) implements Quorum {
        public boolean metBy(Set<String> cosigners) {
            return members.stream().filter(m -> m.metBy(cosigners)).count() >= threshold;
        }

        public String describe() {
            return name + " (" + threshold + " of " + members.stream().map(Quorum::describe).toList() + ")";
        }
    }

    private record None() implements Quorum {
        public boolean metBy(Set<String> cosigners) {
            return true;
        }

        public String describe() {
            return "none";
        }
    }

    /**
     * A checkpoint a policy accepted.
     *
     * @param checkpoint the checkpoint
     * @param cosigners  the names of the policy's witnesses whose cosignatures verified
     */
    public record Accepted(Checkpoint checkpoint, Set<String> cosigners) {
    }

    /** @throws VerificationException {@link Failure#MALFORMED_POLICY} naming the line at fault */
    public static WitnessPolicy parse(String text) throws VerificationException {
        List<byte[]> logs = new ArrayList<>();
        Map<String, CosignatureVerifier> witnesses = new LinkedHashMap<>();
        Map<String, Quorum> names = new LinkedHashMap<>();
        names.put("none", new None());
        Quorum quorum = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                switch (words[0]) {
                    case "log" -> logs.add(key(words, 1, 3));
                    case "witness" -> defineWitness(words, witnesses, names);
                    case "group" -> define(names, words[1], group(words, names));
                    case "quorum" -> {
                        require(words.length == 2 && quorum == null, "one quorum line, naming one witness or group");
                        quorum = lookup(names, words[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown keyword " + words[0]);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new VerificationException(Failure.MALFORMED_POLICY, "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (logs.isEmpty() || quorum == null) {
            throw new VerificationException(Failure.MALFORMED_POLICY, "a policy needs a log line and a quorum line");
        }
        return new WitnessPolicy(List.copyOf(logs), Map.copyOf(witnesses), quorum);
    }

    private static void defineWitness(String[] words, Map<String, CosignatureVerifier> witnesses,
                                      Map<String, Quorum> names) {
        require(words.length == 3 || words.length == 4, "witness <name> <hex key> [url]");
        CosignatureVerifier witness = new CosignatureVerifier(words[1], key(words, 2, 4));
        define(names, words[1], new Single(words[1]));
        witnesses.put(words[1], witness);
    }

    private static Quorum group(String[] words, Map<String, Quorum> names) {
        require(words.length >= 4, "group <name> all|any|<k> <member>...");
        List<Quorum> members = new ArrayList<>();
        for (int i = 3; i < words.length; i++) {
            members.add(lookup(names, words[i]));
        }
        int threshold = switch (words[2]) {
            case "all" -> members.size();
            case "any" -> 1;
            default -> Integer.parseInt(words[2]);
        };
        require(threshold >= 1 && threshold <= members.size(), "k must be between 1 and the number of members");
        return new Group(words[1], threshold, List.copyOf(members));
    }

    private static byte[] key(String[] words, int at, int maxWords) {
        require(words.length > at && words.length <= maxWords, "wrong number of fields");
        byte[] key = HexFormat.of().parseHex(words[at]);
        require(key.length == NoteVerifier.PUBLIC_KEY_SIZE, "a key is 64 hex digits (32 bytes)");
        return key;
    }

    private static void define(Map<String, Quorum> names, String name, Quorum quorum) {
        require(!names.containsKey(name), name + " is defined twice");
        names.put(name, quorum);
    }

    private static Quorum lookup(Map<String, Quorum> names, String name) {
        Quorum quorum = names.get(name);
        require(quorum != null, name + " is not defined on an earlier line");
        return quorum;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return the witnesses the policy names, by name */
    public Map<String, CosignatureVerifier> witnesses() {
        return witnesses;
    }

    /** @return the log keys as note verifiers named {@code origin} (the key name a log signs under) */
    public TrustedKeys logKeys(String origin) {
        return new TrustedKeys(logKeys.stream().map(k -> new NoteVerifier(origin, k)).toList());
    }

    /**
     * Verifies a cosigned checkpoint note: a valid signature by a policy log, and valid cosignatures by enough of
     * the policy's witnesses. Cosignatures by unknown keys are ignored, as the spec asks.
     *
     * @throws VerificationException the log signature's failure, or {@link Failure#QUORUM_NOT_MET} naming who
     *                               cosigned and what the quorum needs
     */
    public Accepted verify(String noteText, String expectedOrigin) throws VerificationException {
        Checkpoint checkpoint = logKeys(expectedOrigin).verifyCheckpoint(noteText, expectedOrigin);
        Set<String> cosigners = cosigners(SignedNote.parse(noteText));
        if (!quorum.metBy(cosigners)) {
            throw new VerificationException(Failure.QUORUM_NOT_MET, "checkpoint at size " + checkpoint.treeSize()
                    + " is cosigned by " + cosigners + "; the policy's quorum is " + quorum.describe());
        }
        return new Accepted(checkpoint, cosigners);
    }

    /** @return the names of the policy witnesses whose cosignature on the note verifies */
    public Set<String> cosigners(SignedNote note) {
        Set<String> valid = new TreeSet<>();
        for (NoteSignature signature : note.signatures()) {
            for (CosignatureVerifier witness : witnesses.values()) {
                if (witness.names(signature) && verifies(witness, note.body(), signature)) {
                    valid.add(witness.name());
                }
            }
        }
        return valid;
    }

    private static boolean verifies(CosignatureVerifier witness, String body, NoteSignature signature) {
        try {
            witness.verify(body, signature);
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }
}
