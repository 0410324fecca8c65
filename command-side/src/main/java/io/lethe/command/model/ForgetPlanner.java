package io.lethe.command.model;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.ForgetMode;
import io.lethe.api.commands.LearnCommand;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.verifier.Lineage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides how a forget is carried out on a base version (DESIGN.md §2.1):
 * EXACT when every affected record lives only in branches (retrain exactly those branches without
 * them); otherwise the policy's APPROXIMATE (an unlearning branch) or REBASE (a new backbone).
 */
final class ForgetPlanner {

    /** The components of the new version, what the job trains, and the plan recorded with it. */
    record Plan(List<Component> components, List<String> trainComponentIds, ForgetPlan forget) {
    }

    private ForgetPlanner() {
    }

    static Guarantee guaranteeFor(ForgetMode mode, VersionState base, List<String> forget, ForgetPolicy policy) {
        boolean inBackbone = in(base, forget, ComponentKind.BACKBONE);
        boolean inUnlearning = in(base, forget, ComponentKind.UNLEARNING_BRANCH);
        return switch (mode) {
            case AUTO -> inBackbone ? policy.whenInBackbone() : inUnlearning ? Guarantee.APPROXIMATE : Guarantee.EXACT;
            case EXACT -> {
                if (inBackbone || inUnlearning) {
                    throw new LetheException(ErrorCode.EXACT_NOT_POSSIBLE, "records are in the frozen backbone"
                            + " or an unlearning branch's retain set: use approximate or rebase");
                }
                yield Guarantee.EXACT;
            }
            case APPROXIMATE -> Guarantee.APPROXIMATE;
            case REBASE -> Guarantee.REBASE;
        };
    }

    /**
     * Whether a record is in a component of that kind. EXACT is impossible for records in the frozen
     * backbone, or in the retain set of an earlier unlearning branch (which is never retrained: its own
     * forget set may be shredded already).
     */
    private static boolean in(VersionState base, List<String> forget, ComponentKind kind) {
        Set<String> gone = new HashSet<>(forget);
        return base.components().stream().filter(c -> c.kind() == kind)
                .anyMatch(c -> c.commitments().stream().anyMatch(gone::contains));
    }

    static Plan plan(VersionState base, List<String> forget, Guarantee guarantee, String unlearningBranchId,
                     long seed) {
        return switch (guarantee) {
            case EXACT -> retrainWithout(base, forget, guarantee, false);
            case REBASE -> rebase(base, forget);
            case APPROXIMATE -> unlearningBranch(base, forget, unlearningBranchId, seed);
        };
    }

    /**
     * EXACT and REBASE: every learning branch (and for REBASE the backbone) whose slice holds a record
     * is retrained on its slice minus them; a branch left with nothing is dropped. Unlearning branches
     * are never retrained: they are corrections for other erasures.
     */
    private static Plan retrainWithout(VersionState base, List<String> forget, Guarantee guarantee,
                                       boolean includeBackbone) {
        Set<String> gone = new HashSet<>(forget);
        List<Component> components = new ArrayList<>();
        List<String> retrained = new ArrayList<>();
        for (Component c : base.components()) {
            boolean retrainable = c.kind() == ComponentKind.BRANCH || (c.isBackbone() && includeBackbone);
            if (!retrainable || c.commitments().stream().noneMatch(gone::contains)) {
                components.add(c);
                continue;
            }
            List<String> kept = c.commitments().stream().filter(x -> !gone.contains(x)).toList();
            if (kept.isEmpty() && !c.isBackbone()) {
                continue; // nothing left to learn from: the branch is dropped (and zeroised on the device)
            }
            components.add(new Component(c.componentId(), c.kind(), c.rank(), c.seed(), kept, c.forgetCommitments()));
            retrained.add(c.componentId());
        }
        return new Plan(components, retrained, new ForgetPlan(guarantee, forget, retrained));
    }

    /**
     * REBASE: a new backbone without the records, and without every record an earlier unlearning branch
     * only suppressed. The rebuilt backbone never sees those either (after an erasure they are unreadable
     * anyway), so the unlearning branches are dropped and their forgets become exact too: the plan lists
     * their records with the new ones, and the forget event records the stronger guarantee for them.
     */
    private static Plan rebase(VersionState base, List<String> forget) {
        Set<String> gone = new TreeSet<>(forget);
        Set<String> seen = base.lineage();
        base.components().stream().filter(c -> c.kind() == ComponentKind.UNLEARNING_BRANCH)
                .forEach(u -> u.forgetCommitments().stream().filter(seen::contains).forEach(gone::add));
        Plan rebased = retrainWithout(base, List.copyOf(gone), Guarantee.REBASE, true);
        List<Component> kept = rebased.components().stream()
                .filter(c -> c.kind() != ComponentKind.UNLEARNING_BRANCH).toList();
        return new Plan(kept, rebased.trainComponentIds(), rebased.forget());
    }

    /**
     * APPROXIMATE: branches holding the records are still retrained without them (that part is exact);
     * the backbone's part is suppressed by the paper's unlearning branch, which corrects the whole
     * deployed model and so trains on every record of the version (its lineage says so). When no record
     * is in the backbone (they only linger in an earlier unlearning branch), no new branch is needed.
     */
    private static Plan unlearningBranch(VersionState base, List<String> forget, String branchId, long seed) {
        Plan branchesRetrained = retrainWithout(base, forget, Guarantee.APPROXIMATE, false);
        List<String> backboneForget = base.backbone().map(b -> b.commitments().stream()
                .filter(new HashSet<>(forget)::contains).toList()).orElse(List.of());
        List<Component> components = new ArrayList<>(branchesRetrained.components());
        List<String> trained = new ArrayList<>(branchesRetrained.trainComponentIds());
        if (!backboneForget.isEmpty()) {
            components.add(new Component(branchId, ComponentKind.UNLEARNING_BRANCH, LearnCommand.DEFAULT_RANK, seed,
                    Lineage.sorted(lineageOf(components)), Lineage.sorted(backboneForget)));
            trained.add(branchId);
        }
        return new Plan(components, trained,
                new ForgetPlan(Guarantee.APPROXIMATE, forget, branchesRetrained.trainComponentIds()));
    }

    private static Set<String> lineageOf(List<Component> components) {
        Set<String> all = new HashSet<>();
        components.forEach(c -> all.addAll(c.commitments()));
        return all;
    }
}
