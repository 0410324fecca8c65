package io.lethe.sim.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SeededRandom gives, call for call, the values {@code new SplittableRandom(seed)} gives: every figure, digest and
 * recorded replay of the simulator was made with that generator, so a faster way to the same values must not change
 * one bit of them. Each test runs both side by side and compares raw bits.
 */
class SeededRandomTest {

    private static final long[] SEEDS = {0, 1, 5, 42, -7, Long.MIN_VALUE, 0x5eedL};

    @Test
    void theRunLoopIsInUseOnThisJdk() {
        // If the JDK computed Gaussians another way, values would still match (one JDK call each), but the simulator
        // would be slower than the README says: this test says so instead of hiding it.
        assertThat(ZigguratGaussians.active()).isTrue();
    }

    @Test
    void longsIntsBoundedIntsAndDoublesAreSplittableRandoms() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            int[] bounds = {1, 2, 3, 7, 10, 64, 1000, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE};
            for (int i = 0; i < 100_000; i++) {
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                assertThat(ours.nextInt()).isEqualTo(jdk.nextInt());
                int bound = bounds[i % bounds.length];
                assertThat(ours.nextInt(bound)).as("nextInt(%d)", bound).isEqualTo(jdk.nextInt(bound));
                assertThat(Double.doubleToRawLongBits(ours.nextDouble())).isEqualTo(
                        Double.doubleToRawLongBits(jdk.nextDouble()));
            }
        }
    }

    @Test
    void filledGaussiansAreSplittableRandomsOneByOneIncludingEveryRareCase() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SeededRandom ours = new SeededRandom(seed);
            // 1.2 % of draws leave the fast path (about 6,000 here), some of them into the tail; counts that end
            // a run early, exactly, and late, and a run cut by the end of the array.
            int[] counts = {0, 1, 255, 256, 257, 511, 4096, 16_384, 100_003, 400_000};
            for (int count : counts) {
                double[] values = new double[count + 3];
                ours.fillGaussian(values, count);
                for (int i = 0; i < count; i++) {
                    assertThat(Double.doubleToRawLongBits(values[i])).as("seed %d count %d value %d", seed, count, i)
                            .isEqualTo(Double.doubleToRawLongBits(jdk.nextGaussian()));
                }
                assertThat(values[count]).as("nothing written past the count").isZero();
                // The generators are in step after a fill: the next draws of every kind agree.
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                assertThat(Double.doubleToRawLongBits(ours.nextGaussian()))
                        .isEqualTo(Double.doubleToRawLongBits(jdk.nextGaussian()));
                assertThat(ours.nextInt(1000)).isEqualTo(jdk.nextInt(1000));
            }
        }
    }

    @Test
    void singleGaussiansAreSplittableRandomsIncludingTheTail() {
        SplittableRandom jdk = new SplittableRandom(3);
        SeededRandom ours = new SeededRandom(3);
        double largest = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double expected = jdk.nextGaussian();
            largest = Math.max(largest, Math.abs(expected));
            assertThat(Double.doubleToRawLongBits(ours.nextGaussian())).as("value %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        // The ziggurat's base strip ends near 3.6: values beyond it came from the tail algorithm.
        assertThat(largest).isGreaterThan(4.0);
    }

    @Test
    void arraysAndPermutationsAreTheSameAsBefore() {
        SplittableRandom jdk = new SplittableRandom(9);
        SeededRandom ours = new SeededRandom(9);
        double[] g = ours.gaussian(37, 41).data().asDouble();
        for (double v : g) {
            assertThat(v).isEqualTo(jdk.nextGaussian());
        }
        int[] p = ours.permutation(500);
        int[] expected = new int[500];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i;
        }
        for (int i = expected.length - 1; i > 0; i--) {
            int j = jdk.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertThat(p).containsExactly(expected);
    }
}
