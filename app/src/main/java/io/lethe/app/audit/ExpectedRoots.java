package io.lethe.app.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roots the bundle's entries must produce: every signed checkpoint's, the cosigned one's, each certificate's
 * checkpoint. Checked the moment the entries reach each size; a mismatch is located between the last size that
 * matched and the first that did not.
 */
final class ExpectedRoots {

    private record Claim(String who, byte[] root) {
    }

    private final TreeMap<Long, List<Claim>> bySize = new TreeMap<>();
    private long lastMatched;

    void expect(long size, byte[] root, String who) {
        bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(new Claim(who, root));
    }

    /** Compares the claims at {@code size} (if any) with the entries' root there. */
    void reached(long size, byte[] root, Entries entries, List<String> failures) {
        List<Claim> claims = bySize.remove(size);
        if (claims == null) {
            return;
        }
        boolean allMatch = true;
        for (Claim claim : claims) {
            if (!Arrays.equals(claim.root(), root)) {
                allMatch = false;
                failures.add(claim.who() + ": the entries give root " + b64(root) + " at size " + size
                        + ", it says " + b64(claim.root()) + "; the change is in entries " + lastMatched + ".."
                        + (size - 1) + " (lines " + entries.lineOf(lastMatched) + "-" + entries.lineOf(size - 1) + ")");
            }
        }
        if (allMatch) {
            lastMatched = size;
        }
    }

    /** Claims beyond the last entry could not be checked: each is a failure. */
    void unreached(long entries, List<String> failures) {
        for (Map.Entry<Long, List<Claim>> left : bySize.entrySet()) {
            left.getValue().forEach(claim -> failures.add(claim.who() + ": size " + left.getKey()
                    + " is beyond the bundle's " + entries + " entries"));
        }
    }

    /** Where entry lines start, to name a line from an index. */
    interface Entries {
        long lineOf(long index);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
