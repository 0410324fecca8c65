package io.lethe.sim.report;

import java.util.List;

/**
 * Loss-threshold membership inference (Yeom et al. 2018): a record is guessed a training member when its
 * loss is low. The AUC over every threshold equals the probability that a random member has a lower loss
 * than a random non-member (ties count half). 0.5 = the attacker learns nothing.
 */
public final class MembershipInference {

    private MembershipInference() {
    }

    /** AUC of separating {@code memberLosses} from {@code nonMemberLosses} by a loss threshold. */
    public static double auc(List<Double> memberLosses, List<Double> nonMemberLosses) {
        if (memberLosses.isEmpty() || nonMemberLosses.isEmpty()) {
            return Double.NaN;
        }
        double wins = 0;
        for (double m : memberLosses) {
            for (double n : nonMemberLosses) {
                wins += m < n ? 1 : m == n ? 0.5 : 0;
            }
        }
        return wins / ((double) memberLosses.size() * nonMemberLosses.size());
    }
}
