package io.lethe.command.model;

import io.lethe.api.commands.Selector;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.Lineage;
import io.lethe.command.records.RecordRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The registry's rules over a list, for aggregate tests; the JDBC one is tested against PostgreSQL. */
final class InMemoryRecordRegistry implements RecordRegistry {

    record Entry(String dataset, String recordId, String subjectId, String label) {
    }

    private final LedgerSecret secret;
    private final List<Entry> entries = new ArrayList<>();

    InMemoryRecordRegistry(LedgerSecret secret) {
        this.secret = secret;
    }

    /** Subject {@code sN} with {@code count} records {@code sN/1..count}, labelled by subject (faces). */
    InMemoryRecordRegistry withFaces(int subject, int count) {
        for (int i = 1; i <= count; i++) {
            entries.add(new Entry("orl", "s" + subject + "/" + i, "s" + subject, "s" + subject));
        }
        return this;
    }

    String commitment(String recordId) {
        return secret.recordCommitment(recordId);
    }

    List<String> commitmentsOfSubject(int subject) {
        return Lineage.sorted(entries.stream().filter(e -> e.subjectId().equals("s" + subject))
                .map(e -> commitment(e.recordId())).toList());
    }

    @Override
    public Selection select(Selector selector) {
        List<String> found = entries.stream()
                .filter(e -> e.dataset().equals(selector.dataset()))
                .filter(e -> selector.subjects().isEmpty() || selector.subjects().contains(e.subjectId()))
                .filter(e -> selector.labels().isEmpty() || selector.labels().contains(e.label()))
                .filter(e -> selector.recordIds().isEmpty() || selector.recordIds().contains(e.recordId()))
                .map(e -> commitment(e.recordId())).toList();
        return new Selection(Lineage.sorted(found), unknown(selector.recordIds()), subjects());
    }

    @Override
    public Selection forgetTargets(SubjectId subjectId, List<RecordId> recordIds) {
        List<String> found = entries.stream()
                .filter(e -> (subjectId != null && e.subjectId().equals(subjectId.value()))
                        || recordIds.stream().anyMatch(r -> r.value().equals(e.recordId())))
                .map(e -> commitment(e.recordId())).toList();
        return new Selection(Lineage.sorted(found), unknown(recordIds.stream().map(RecordId::value).toList()),
                subjects());
    }

    @Override
    public Selection recordsOfPseudonym(String subjectPseudonym) {
        List<String> found = entries.stream().filter(e -> secret.subjectPseudonym(e.subjectId()).equals(subjectPseudonym))
                .map(e -> commitment(e.recordId())).toList();
        return new Selection(Lineage.sorted(found), List.of(), subjects());
    }

    private Map<String, String> subjects() {
        Map<String, String> subjectOf = new HashMap<>();
        entries.forEach(e -> subjectOf.put(commitment(e.recordId()), secret.subjectPseudonym(e.subjectId())));
        return subjectOf;
    }

    private List<String> unknown(List<String> recordIds) {
        return recordIds.stream().filter(id -> entries.stream().noneMatch(e -> e.recordId().equals(id))).toList();
    }
}
