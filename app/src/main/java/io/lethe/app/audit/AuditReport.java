package io.lethe.app.audit;

import java.util.List;
import java.util.Set;

/**
 * What {@code lethe audit verify} found.
 *
 * @param failures     what is wrong, each naming its line and item; empty when the bundle verifies
 * @param notes        what was trusted or left unchecked, for the auditor to weigh
 * @param entries      log entries checked
 * @param checkpoints  signed checkpoints checked
 * @param versions     version digests and lineage roots recomputed
 * @param certificates erasure certificates checked
 * @param cosigners    witnesses whose cosignatures met the policy (empty without one)
 */
public record AuditReport(List<String> failures, List<String> notes, long entries, int checkpoints, int versions,
                          int certificates, Set<String> cosigners) {

    /** @return whether nothing is wrong */
    public boolean ok() {
        return failures.isEmpty();
    }

    /** @return one line for people */
    public String summary() {
        return (ok() ? "audit bundle verifies: " : "audit bundle FAILS (" + failures.size() + " problems): ")
                + entries + " entries, " + checkpoints + " checkpoints, " + versions + " versions, " + certificates
                + " certificates" + (cosigners.isEmpty() ? "" : ", cosigned by " + cosigners);
    }
}
