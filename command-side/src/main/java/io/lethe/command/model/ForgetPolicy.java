package io.lethe.command.model;

import io.lethe.api.events.Guarantee;

/**
 * What {@code mode=auto} does when records live in the frozen backbone (EXACT is impossible there):
 * the paper's approximate unlearning branch (default) or a full REBASE.
 */
public record ForgetPolicy(Guarantee whenInBackbone) {

    public static final ForgetPolicy DEFAULT = new ForgetPolicy(Guarantee.APPROXIMATE);

    public ForgetPolicy {
        if (whenInBackbone == Guarantee.EXACT) {
            throw new IllegalArgumentException("records in the backbone cannot be forgotten EXACTly");
        }
    }
}
