package io.lethe.sim.report;

import java.util.Arrays;

/**
 * The forget-quality score of the NeurIPS 2023 Machine Unlearning Challenge (google-deepmind/unlearning_evaluation,
 * {@code metric.py}; the challenge's report, arXiv 2406.09073), written here from its definition: how well an
 * observer who sees one forgotten example's confidence under a model can tell whether the model was unlearned or
 * retrained from scratch without the example, over the randomness of both procedures.
 *
 * <p>Per forget-set example, with the confidences of N unlearned and N retrained models: the population with the
 * larger median is "positive". Two families of decision rules are scanned, one threshold ("positive if the
 * confidence is at least t", 100 thresholds per unit over the pooled range) and two ("the peakier population if the
 * confidence lies in [l, r]", r over the peakier population's range widened by 2 on each side at 100 per unit, and for
 * each r 400 values of l over r - w +- 2, w the narrower range). At every rule with false-positive rate FPR and
 * false-negative rate FNR both above 0, epsilon = max(0, ln(1 - delta - FPR) - ln FNR, ln(1 - delta - FNR) - ln FPR),
 * delta = 1e-5; a rule that separates the populations perfectly gives infinity, one with only one of the two rates at
 * 0 is skipped (too few samples to tell). The example's epsilon is the largest, capped at 50; it is the cap straight
 * away when the narrower population's range is under 1 % of the wider one's (an unlearned population far peakier than
 * retraining's). Epsilons fall into buckets of 0.5 from 0 up to ceil(ln(N - 1)), worth 1, 1/2, 1/4, ... points
 * (nothing beyond the last); the forget score F is the mean over the forget set, and the challenge's final score is
 * F x (retain accuracy, unlearned / retrained) x (test accuracy, unlearned / retrained).
 *
 * <p>Where the challenge's code leaves a case undefined, this class decides: both populations constant and equal give
 * epsilon 0 (indistinguishable), constant and different the cap; an example none of whose rules survives gets the cap.
 */
public final class ChallengeForgetScore {

    /** The challenge's delta. */
    static final double DELTA = 1e-5;
    /** The largest epsilon an example can get. */
    static final double EPSILON_CAP = 50;
    /** Thresholds per unit of confidence. */
    private static final int PER_UNIT = 100;
    /** How far the double-threshold rules reach beyond the peakier population. */
    private static final double BUFFER = 2.0;
    /** A narrower range below this fraction of the wider one is "very peaky": the cap. */
    private static final double PEAKY = 0.01;

    private ChallengeForgetScore() {
    }

    /**
     * The forget score F.
     *
     * @param unlearned [model][example] confidences of each forget-set example under each unlearned model
     * @param retrained [model][example] the same under each model retrained without the forget set
     */
    public static double forgetScore(double[][] unlearned, double[][] retrained) {
        return forgetScore(epsilons(unlearned, retrained), unlearned.length);
    }

    /** The forget score F of {@link #epsilons} already computed, from {@code models} models a side. */
    public static double forgetScore(double[] epsilons, int models) {
        double total = 0;
        for (double e : epsilons) {
            total += points(e, models);
        }
        return total / epsilons.length;
    }

    /** Each example's epsilon, in the order of the columns. */
    public static double[] epsilons(double[][] unlearned, double[][] retrained) {
        if (unlearned.length < 2 || unlearned.length != retrained.length) {
            throw new IllegalArgumentException("need the same number (at least 2) of unlearned and retrained models");
        }
        int examples = unlearned[0].length;
        double[] out = new double[examples];
        for (int e = 0; e < examples; e++) {
            out[e] = epsilon(column(unlearned, e), column(retrained, e));
        }
        return out;
    }

    /** The points an example with {@code epsilon} earns when each population has {@code models} models. */
    static double points(double epsilon, int models) {
        double last = Math.ceil(Math.log(models - 1));
        double points = 1;
        for (double start = 0; start + 0.5 <= last; start += 0.5) {
            if (epsilon < start + 0.5) {
                return points;
            }
            points /= 2;
        }
        return 0;
    }

    /** One example's epsilon from its confidences under the unlearned and the retrained models. */
    static double epsilon(double[] unlearned, double[] retrained) {
        boolean retrainedPositive = median(retrained) > median(unlearned);
        double[] pos = sorted(retrainedPositive ? retrained : unlearned);
        double[] neg = sorted(retrainedPositive ? unlearned : retrained);
        double posRange = pos[pos.length - 1] - pos[0];
        double negRange = neg[neg.length - 1] - neg[0];
        double wider = Math.max(posRange, negRange);
        double narrower = Math.min(posRange, negRange);
        if (wider == 0) {
            return pos[0] == neg[0] ? 0 : EPSILON_CAP;
        }
        if (narrower / wider < PEAKY) {
            return EPSILON_CAP;
        }
        Best best = new Best();
        singleThresholds(pos, neg, best);
        doubleThresholds(pos, posRange, neg, negRange, best);
        return best.any ? Math.min(Math.max(best.epsilon, 0), EPSILON_CAP) : EPSILON_CAP;
    }

    /** "Positive if at least t" for t over the pooled range. */
    private static void singleThresholds(double[] pos, double[] neg, Best best) {
        double min = Math.min(pos[0], neg[0]);
        double max = Math.max(pos[pos.length - 1], neg[neg.length - 1]);
        int count = (int) Math.ceil((max - min) * PER_UNIT);
        for (int i = 0; i < count; i++) {
            double t = linspace(min, max, count, i);
            double tpr = atLeast(pos, t);
            double fpr = atLeast(neg, t);
            best.offer(fpr, 1 - tpr, tpr, 1 - fpr);
        }
    }

    /** "The peakier population if in [l, r]": the peakier one (ties: the positive one's partner) is positive here. */
    private static void doubleThresholds(double[] pos, double posRange, double[] neg, double negRange, Best best) {
        double[] peaky = posRange >= negRange ? neg : pos;
        double[] other = posRange >= negRange ? pos : neg;
        double width = Math.min(posRange, negRange);
        double rightMin = peaky[0] + width - BUFFER;
        double rightMax = peaky[peaky.length - 1] + BUFFER;
        int rights = (int) Math.ceil((rightMax - rightMin) * PER_UNIT);
        int lefts = (int) Math.ceil(2 * BUFFER * PER_UNIT);
        for (int i = 0; i < rights; i++) {
            double r = linspace(rightMin, rightMax, rights, i);
            for (int j = 0; j < lefts; j++) {
                double l = linspace(r - width - BUFFER, r - width + BUFFER, lefts, j);
                double tpr = within(peaky, l, r);
                double fpr = within(other, l, r);
                best.offer(fpr, 1 - tpr, tpr, 1 - fpr);
            }
        }
    }

    /** The largest epsilon over the rules offered, and whether any rule counted. */
    private static final class Best {
        double epsilon = Double.NEGATIVE_INFINITY;
        boolean any;

        void offer(double fpr, double fnr, double tpr, double tnr) {
            double e;
            if (fpr + fnr == 0 && tpr + tnr == 2) {
                e = Double.POSITIVE_INFINITY;
            } else if (fpr * fnr == 0) {
                return;
            } else {
                e = nanMax(logOrNaN(1 - DELTA - fpr) - Math.log(fnr), logOrNaN(1 - DELTA - fnr) - Math.log(fpr));
                if (Double.isNaN(e)) {
                    return;
                }
                e = Math.max(0, e);
            }
            any = true;
            epsilon = Math.max(epsilon, e);
        }
    }

    /** The larger of two values, passing over a NaN (NaN only when both are). */
    private static double nanMax(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** ln v, NaN for v <= 0 (as numpy's log, whose NaN the challenge's nanmax then passes over). */
    private static double logOrNaN(double v) {
        return v > 0 ? Math.log(v) : Double.NaN;
    }

    /** The i-th of {@code count} evenly spaced values from {@code from} to {@code to} inclusive (numpy's linspace). */
    private static double linspace(double from, double to, int count, int i) {
        return count == 1 ? from : from + (to - from) * i / (count - 1);
    }

    /** Fraction of the sorted {@code values} at least {@code t}. */
    private static double atLeast(double[] values, double t) {
        return (double) (values.length - countBelow(values, t, false)) / values.length;
    }

    /** Fraction of the sorted {@code values} in [l, r]. */
    private static double within(double[] values, double l, double r) {
        return (double) Math.max(0, countBelow(values, r, true) - countBelow(values, l, false)) / values.length;
    }

    /** How many of the sorted {@code values} are below {@code t} (or equal to it, with {@code orEqual}). */
    private static int countBelow(double[] sorted, double t, boolean orEqual) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t || orEqual && sorted[mid] == t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r][c];
        }
        return out;
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** numpy's median: the middle value, or the mean of the two middle values. */
    static double median(double[] v) {
        double[] s = sorted(v);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
