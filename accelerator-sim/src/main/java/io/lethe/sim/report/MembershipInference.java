package io.lethe.sim.report;

import io.lethe.sim.random.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loss-threshold membership inference (Yeom et al. 2018): a record is guessed a training member when its
 * loss is low. The AUC over every threshold equals the probability that a random member has a lower loss
 * than a random non-member (ties count half). 0.5 = the attacker learns nothing.
 */
public final class MembershipInference {

    /** Bootstrap resamples behind {@link #estimate}. */
    static final int RESAMPLES = 2000;

    private MembershipInference() {
    }

    /**
     * An AUC with its 95 % confidence interval.
     *
     * @param auc the AUC on the records given
     * @param ciLow 2.5th percentile of the bootstrap AUCs
     * @param ciHigh 97.5th percentile
     * @param members member records the AUC used
     * @param nonMembers non-member records it used
     */
    public record Estimate(double auc, double ciLow, double ciHigh, int members, int nonMembers) {

        /** Whether the two intervals share any value (the attack cannot tell the two models apart). */
        public boolean overlaps(Estimate other) {
            return ciLow <= other.ciHigh && other.ciLow <= ciHigh;
        }
    }

    /**
     * The AUC with a percentile-bootstrap 95 % interval: members and non-members are resampled with replacement
     * separately ({@value #RESAMPLES} times, from {@code seed}), so a handful of records gives the wide interval it
     * deserves instead of a confident-looking number.
     */
    public static Estimate estimate(List<Double> memberLosses, List<Double> nonMemberLosses, long seed) {
        double auc = auc(memberLosses, nonMemberLosses);
        if (Double.isNaN(auc)) {
            return new Estimate(auc, Double.NaN, Double.NaN, memberLosses.size(), nonMemberLosses.size());
        }
        SeededRandom rng = SeededRandom.derive(seed, "mia-bootstrap");
        double[] aucs = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            aucs[i] = auc(resample(memberLosses, rng), resample(nonMemberLosses, rng));
        }
        Arrays.sort(aucs);
        return new Estimate(auc, aucs[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                aucs[(int) Math.ceil(0.975 * (RESAMPLES - 1))], memberLosses.size(), nonMemberLosses.size());
    }

    private static List<Double> resample(List<Double> values, SeededRandom rng) {
        List<Double> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(values.get(rng.nextInt(values.size())));
        }
        return out;
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
