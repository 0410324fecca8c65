package io.lethe.worker.vault;

import io.lethe.sim.data.SimRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records one job asked the vault for: the ones that could be opened, and for the others why not
 * (no such record, or the subject's key was shredded).
 */
public record VaultRecords(Map<String, SimRecord> readable, Map<String, String> unreadable) {

    public VaultRecords {
        readable = Map.copyOf(readable);
        unreadable = Map.copyOf(new TreeMap<>(unreadable));
    }

    /** The readable record, or null. */
    public SimRecord get(String commitment) {
        return readable.get(commitment);
    }

    /** The records for {@code commitments}, in that order; fails if any is unreadable. */
    public List<SimRecord> require(Collection<String> commitments, String purpose) {
        List<String> missing = commitments.stream().filter(c -> !readable.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableRecordsException(purpose, missing, unreadable);
        }
        return commitments.stream().map(readable::get).toList();
    }

    /** The readable records among {@code commitments}, in that order. */
    public List<SimRecord> available(Collection<String> commitments) {
        return commitments.stream().filter(readable::containsKey).map(readable::get).toList();
    }
}
