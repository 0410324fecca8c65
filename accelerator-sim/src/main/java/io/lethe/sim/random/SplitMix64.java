package io.lethe.sim.random;

import java.util.random.RandomGenerator;

/**
 * The generator of {@code new java.util.SplittableRandom(seed)}, value for value, with its state in our hands.
 *
 * <p>{@code SplittableRandom} is SplitMix64: the state advances by a constant gamma and each output is a mix of it
 * ({@link #nextLong}; {@link #nextInt} mixes the same state with another function). Its bounded ints, doubles and
 * Gaussians are {@link RandomGenerator}'s default methods over those two, so a {@code RandomGenerator} with the same
 * {@code nextLong} and {@code nextInt} gives the same streams ({@code SeededRandomTest} compares them value by value).
 * Owning the state lets {@link ZigguratGaussians} draw a run of outputs in one vectorisable loop and step back when
 * the JDK's Gaussian algorithm needs more than one of them.
 *
 * <p>Not thread-safe, like {@code SplittableRandom}.
 */
final class SplitMix64 implements RandomGenerator {

    /** SplittableRandom's GOLDEN_GAMMA: the increment of a generator built from a seed alone. */
    static final long GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private long[] runDraws;

    SplitMix64(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        return mix64(state += GAMMA);
    }

    @Override
    public int nextInt() {
        return mix32(state += GAMMA);
    }

    /** The state the next output is mixed from, minus one gamma: what {@link #nextLong} adds {@link #GAMMA} to. */
    long state() {
        return state;
    }

    /** Sets the state, so that the next output is {@code mix64(state + GAMMA)}. */
    void state(long state) {
        this.state = state;
    }

    /** A buffer of {@link ZigguratGaussians#RUN} longs for {@link ZigguratGaussians#fill}, kept with the generator. */
    long[] runDraws() {
        if (runDraws == null) {
            runDraws = new long[ZigguratGaussians.RUN];
        }
        return runDraws;
    }

    /** Stafford's variant 13 of the 64-bit finaliser, as SplittableRandom's {@code mix64}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The high 32 bits of Stafford's variant 4, as SplittableRandom's {@code mix32}. */
    static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
