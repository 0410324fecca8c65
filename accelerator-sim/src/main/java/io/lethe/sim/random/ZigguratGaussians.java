package io.lethe.sim.random;

import java.util.random.RandomGenerator;

/**
 * The JDK's standard normal values ({@link RandomGenerator#nextGaussian()}, McFarland's modified ziggurat) from a
 * {@link SplitMix64}, bit for bit, in a bit more than half the time when many are drawn at once.
 *
 * <p>The JDK draws one long {@code u}; when its low byte {@code i} names one of the ziggurat's layers (more than 98 %
 * of draws) the value is {@code X[i] * u}, else it goes on to the overhangs and the tail, drawing more longs. Here the
 * longs of a run are drawn in one loop over independent states (C2 vectorises the mixing), the fast path is taken
 * from them with the same table, and at the first draw that leaves it the generator is set back to just before that
 * draw and the JDK's own method computes the value, so every rare case, and what it consumes, is the JDK's.
 *
 * <p>The table is not copied from the JDK: each {@code X[i]} is read back from the JDK's method, fed a long whose low
 * byte is {@code i} and whose value as a double is exactly 2^62. At class initialisation the result is compared with
 * the JDK's method over {@link #SELF_CHECK} values; if a JDK computes Gaussians another way, this class is switched
 * off ({@link #active()} false) and every value comes from the JDK's method, one call each.
 */
final class ZigguratGaussians {

    /** Low bits of a draw that index the layers (the JDK's {@code normalLayerMask}). */
    private static final int LAYER_MASK = 0xff;

    /**
     * Draws mixed per run. A run ends at the first draw off the fast path (one in about 85), and the rest of its
     * draws are mixed again by the next run: 32 gave 2.1 ns a value here, 16 and 64 2.2-2.5, 256 2.5-2.7.
     */
    static final int RUN = 32;

    /** Values compared with the JDK's method at class initialisation (about 240 of them off the fast path). */
    static final int SELF_CHECK = 20_000;

    /** {@code (j + 1) * GAMMA}: the state offsets of a run's draws, so that the mixing loop has no carried state. */
    private static final long[] OFFSETS = new long[RUN];

    /** The layers' x scale: X[i] * u is the fast path's value; as many entries as the JDK has fast-path layers. */
    private static final double[] X;

    private static final boolean ACTIVE;

    static {
        for (int j = 0; j < RUN; j++) {
            OFFSETS[j] = (j + 1) * SplitMix64.GAMMA;
        }
        X = readLayers();
        ACTIVE = X.length > 0 && matchesJdk();
    }

    private ZigguratGaussians() {
    }

    /** Whether values come from the run loop (false: the JDK's method computes each, the same values). */
    static boolean active() {
        return ACTIVE;
    }

    /** The next standard normal value of {@code g}: {@code g.nextGaussian()}. */
    static double next(SplitMix64 g) {
        if (ACTIVE) {
            long before = g.state();
            long u = g.nextLong();
            int i = (int) u & LAYER_MASK;
            if (i < X.length) {
                return X[i] * u;
            }
            g.state(before);
        }
        return g.nextGaussian();
    }

    /** The next {@code count} standard normal values of {@code g} into {@code into}: as many {@code g.nextGaussian()}. */
    static void fill(SplitMix64 g, double[] into, int count) {
        if (ACTIVE) {
            fillInRuns(g, into, count);
        } else {
            for (int k = 0; k < count; k++) {
                into[k] = g.nextGaussian();
            }
        }
    }

    private static void fillInRuns(SplitMix64 g, double[] into, int count) {
        long[] draws = g.runDraws();
        double[] x = X;
        int layers = x.length;
        int k = 0;
        while (k < count) {
            int n = Math.min(RUN, count - k);
            long base = g.state();
            for (int j = 0; j < n; j++) {
                draws[j] = SplitMix64.mix64(base + OFFSETS[j]);
            }
            int j = 0;
            for (; j < n; j++) {
                long u = draws[j];
                int i = (int) u & LAYER_MASK;
                if (i >= layers) {
                    break;
                }
                into[k + j] = x[i] * u;
            }
            k += j;
            // Before draw j: the JDK's method redraws it and whatever its slow path needs after it.
            g.state(base + j * SplitMix64.GAMMA);
            if (j < n) {
                into[k++] = g.nextGaussian();
            }
        }
    }

    /**
     * X[i] for every fast-path layer i, in order, from the JDK's method: {@code (1 << 62) + i} has low byte i and is
     * exactly 2^62 as a double, so the value returned is X[i] * 2^62. The first i for which the method asks for a second
     * long is past the layers.
     */
    private static double[] readLayers() {
        double[] x = new double[LAYER_MASK + 1];
        int layers = 0;
        try {
            while (layers <= LAYER_MASK) {
                x[layers] = new Probe((1L << 62) + layers).nextGaussian() * 0x1p-62;
                layers++;
            }
        } catch (LeftFastPath e) {
            // layers is the first index past them
        }
        return java.util.Arrays.copyOf(x, layers);
    }

    private static boolean matchesJdk() {
        SplitMix64 jdk = new SplitMix64(0x5eed);
        SplitMix64 here = new SplitMix64(0x5eed);
        double[] values = new double[SELF_CHECK];
        fillInRuns(here, values, values.length);
        for (double v : values) {
            if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(jdk.nextGaussian())) {
                return false;
            }
        }
        return jdk.state() == here.state();
    }

    /** Answers {@code first}, and throws {@link LeftFastPath} when asked for a second long. */
    private static final class Probe implements RandomGenerator {
        private final long first;
        private boolean drawn;

        Probe(long first) {
            this.first = first;
        }

        @Override
        public long nextLong() {
            if (drawn) {
                throw new LeftFastPath();
            }
            drawn = true;
            return first;
        }
    }

    private static final class LeftFastPath extends RuntimeException {
        LeftFastPath() {
            super(null, null, false, false);
        }
    }
}
