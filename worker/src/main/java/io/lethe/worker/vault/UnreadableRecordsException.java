package io.lethe.worker.vault;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A job needs records the vault cannot give: unknown commitments or shredded subject keys. */
public final class UnreadableRecordsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> commitments;

    UnreadableRecordsException(String purpose, List<String> missing, Map<String, String> reasons) {
        super(describe(purpose, missing, reasons));
        this.commitments = List.copyOf(missing);
    }

    /**
     * The commitments that could not be read, for a caller that checks why (e.g. that each belongs to an erased
     * subject); the message itself names only counts by reason.
     */
    public List<String> commitments() {
        return commitments;
    }

    private static String describe(String purpose, List<String> missing, Map<String, String> reasons) {
        // Counts by reason, not commitments: the message travels in a result command and into logs.
        Map<String, Long> byReason = missing.stream().collect(Collectors.groupingBy(
                c -> reasons.getOrDefault(c, VaultReader.NOT_IN_VAULT), TreeMap::new, Collectors.counting()));
        return "records unreadable for " + purpose + ": " + byReason.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
