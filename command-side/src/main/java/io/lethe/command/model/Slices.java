package io.lethe.command.model;

import io.lethe.verifier.Lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits selected records into disjoint slices (SISA shards), one LoRA branch each. A data subject's
 * records stay in one slice, so erasing a subject retrains exactly one branch. Subjects are taken in
 * the order of their pseudonyms (keyed HMACs, so an unbiased order) and dealt into slices of about
 * equal record counts.
 */
final class Slices {

    private Slices() {
    }

    static List<List<String>> bySubject(List<String> commitments, Map<String, String> subjectOf, int count) {
        TreeMap<String, List<String>> bySubject = new TreeMap<>();
        commitments.forEach(c -> bySubject.computeIfAbsent(subjectOf.get(c), s -> new ArrayList<>()).add(c));
        int slices = Math.min(count, bySubject.size());
        List<List<String>> result = new ArrayList<>(slices);
        List<String> current = new ArrayList<>();
        int subjectsLeft = bySubject.size();
        for (List<String> records : bySubject.values()) {
            current.addAll(records);
            subjectsLeft--;
            int openSlices = slices - result.size();
            boolean fairShare = (long) current.size() * openSlices >= remaining(commitments.size(), result);
            boolean lastSubjectsNeeded = subjectsLeft == openSlices - 1;
            if (fairShare || lastSubjectsNeeded) {
                result.add(Lineage.sorted(current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            result.add(Lineage.sorted(current));
        }
        return result;
    }

    private static int remaining(int total, List<List<String>> done) {
        return total - done.stream().mapToInt(List::size).sum();
    }
}
