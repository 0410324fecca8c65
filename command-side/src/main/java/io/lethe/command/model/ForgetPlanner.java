package io.lethe.command.model;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.ForgetMode;
import io.lethe.api.commands.LearnCommand;
import io.lethe.api.events.Guarantee;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.verify.Lineage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    static Guarantee guaranteeFor(ForgetMode mode, boolean inBackbone, ForgetPolicy policy) {
        return switch (mode) {
            case AUTO -> inBackbone ? policy.whenInBackbone() : Guarantee.EXACT;
            case EXACT -> {
                if (inBackbone) {
                    throw new LetheException(ErrorCode.EXACT_NOT_POSSIBLE,
                            "records are in the frozen backbone: use approximate or rebase");
                }
                yield Guarantee.EXACT;
            }
            case APPROXIMATE -> Guarantee.APPROXIMATE;
            case REBASE -> Guarantee.REBASE;
        };
    }

    static Plan plan(VersionState base, List<String> forget, Guarantee guarantee, String unlearningBranchId,
                     long seed) {
        return switch (guarantee) {
            case EXACT -> retrainWithout(base, forget, guarantee, false);
            case REBASE -> retrainWithout(base, forget, guarantee, true);
            case APPROXIMATE -> unlearningBranch(base, forget, unlearningBranchId, seed);
        };
    }

    /** EXACT and REBASE: every component whose slice holds a record is retrained on its slice minus them. */
    private static Plan retrainWithout(VersionState base, List<String> forget, Guarantee guarantee,
                                       boolean includeBackbone) {
        Set<String> gone = new HashSet<>(forget);
        List<Component> components = new ArrayList<>();
        List<String> retrained = new ArrayList<>();
        for (Component c : base.components()) {
            boolean affected = c.commitments().stream().anyMatch(gone::contains)
                    || c.forgetCommitments().stream().anyMatch(gone::contains);
            if (!affected || (c.isBackbone() && !includeBackbone)) {
                components.add(c);
                continue;
            }
            List<String> kept = c.commitments().stream().filter(x -> !gone.contains(x)).toList();
            if (kept.isEmpty() && !c.isBackbone()) {
                continue; // nothing left to learn from: the branch is dropped (and zeroised on the device)
            }
            components.add(new Component(c.componentId(), c.kind(), c.rank(), c.seed(), kept,
                    c.forgetCommitments().stream().filter(x -> !gone.contains(x)).toList()));
            retrained.add(c.componentId());
        }
        return new Plan(components, retrained, new ForgetPlan(guarantee, forget, retrained));
    }

    /**
     * APPROXIMATE: branches holding the records are still retrained without them (that part is exact);
     * the backbone's part is suppressed by the paper's unlearning branch, trained on the backbone's
     * data with the forget set marked.
     */
    private static Plan unlearningBranch(VersionState base, List<String> forget, String branchId, long seed) {
        Plan branchesRetrained = retrainWithout(base, forget, Guarantee.APPROXIMATE, false);
        List<String> backboneForget = base.backbone().map(b -> b.commitments().stream()
                .filter(new HashSet<>(forget)::contains).toList()).orElse(List.of());
        List<String> trainedOn = Lineage.sorted(base.backbone().map(Component::commitments).orElse(List.of()));
        Component branch = new Component(branchId, ComponentKind.UNLEARNING_BRANCH, LearnCommand.DEFAULT_RANK, seed,
                trainedOn, backboneForget);
        List<Component> components = new ArrayList<>(branchesRetrained.components());
        components.add(branch);
        List<String> trained = new ArrayList<>(branchesRetrained.trainComponentIds());
        trained.add(branchId);
        return new Plan(components, trained,
                new ForgetPlan(Guarantee.APPROXIMATE, forget, branchesRetrained.trainComponentIds()));
    }
}
