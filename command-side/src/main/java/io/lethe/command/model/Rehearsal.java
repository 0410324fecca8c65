package io.lethe.command.model;

import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.verifier.Lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Rehearsal for a new learning branch, as the paper's continual-learning code does (three old samples
 * per new one): a branch trained on new classes alone learns to raise them for every input, and summed
 * with the other branches it drowns the backbone's classes. So each branch also trains on a seeded
 * sample of the backbone's records, and its lineage says so. Records an unlearning branch suppresses
 * are never rehearsed (their subject may have been erased and its key shredded).
 */
final class Rehearsal {

    static final int OLD_PER_NEW = 3;

    private Rehearsal() {
    }

    /** The branch's training slice: its new records plus up to three backbone records for each. */
    static List<String> slice(VersionState base, List<String> fresh, long seed) {
        Set<String> excluded = new HashSet<>(fresh);
        base.components().stream().filter(c -> c.kind() == ComponentKind.UNLEARNING_BRANCH)
                .forEach(u -> excluded.addAll(u.forgetCommitments()));
        List<String> pool = base.backbone().map(Component::commitments).orElse(List.of()).stream()
                .filter(c -> !excluded.contains(c)).sorted().toList();
        List<String> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(seed));
        Set<String> slice = new HashSet<>(fresh);
        slice.addAll(shuffled.subList(0, Math.min(shuffled.size(), OLD_PER_NEW * fresh.size())));
        return Lineage.sorted(slice);
    }
}
