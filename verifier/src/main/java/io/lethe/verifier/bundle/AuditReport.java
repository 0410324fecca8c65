package io.lethe.verifier.bundle;

import java.util.List;

/**
 * What {@link AuditBundleVerifier} found.
 *
 * @param checks   what was checked and held, one line each, for people
 * @param failures what is wrong, one line each, naming the line of the bundle and what it says; empty when all holds
 */
public record AuditReport(List<String> checks, List<String> failures) {

    public AuditReport {
        checks = List.copyOf(checks);
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** The checks, then the failures, then a verdict line. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        checks.forEach(line -> text.append("ok    ").append(line).append('\n'));
        failures.forEach(line -> text.append("FAIL  ").append(line).append('\n'));
        text.append(ok() ? "bundle verifies" : "bundle does NOT verify: " + failures.size() + " finding(s)");
        return text.toString();
    }
}
