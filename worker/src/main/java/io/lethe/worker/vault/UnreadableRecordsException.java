package io.lethe.worker.vault;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A job needs records the vault cannot give: unknown commitments or shredded subject keys. */
public final class UnreadableRecordsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableRecordsException(String purpose, List<String> missing, Map<String, String> reasons) {
        super(describe(purpose, missing, reasons));
    }

    private static String describe(String purpose, List<String> missing, Map<String, String> reasons) {
        // Counts by reason, not commitments: the message travels in a result command and into logs.
        Map<String, Long> byReason = missing.stream().collect(Collectors.groupingBy(
                c -> reasons.getOrDefault(c, VaultReader.NOT_IN_VAULT), TreeMap::new, Collectors.counting()));
        return "records unreadable for " + purpose + ": " + byReason.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
