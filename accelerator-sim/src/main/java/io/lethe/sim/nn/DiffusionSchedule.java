package io.lethe.sim.nn;

import io.lethe.sim.random.SeededRandom;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward noising process of a denoising diffusion model with a linear beta schedule (DiT's
 * {@code gaussian_diffusion} "linear": 1e-4 to 0.02 over 1000 steps, rescaled by 1000 / T for a shorter
 * schedule, as {@code get_named_beta_schedule} does), and the training pairs it draws.
 */
public final class DiffusionSchedule {

    private final double[] alphaBar;

    /** A linear schedule of {@code steps} steps. */
    public DiffusionSchedule(int steps) {
        double scale = 1000.0 / steps;
        alphaBar = new double[steps];
        double product = 1;
        for (int t = 0; t < steps; t++) {
            double beta = scale * (1e-4 + (0.02 - 1e-4) * t / Math.max(1, steps - 1));
            product *= 1 - beta;
            alphaBar[t] = product;
        }
    }

    /** Steps of the schedule. */
    public int steps() {
        return alphaBar.length;
    }

    /** Cumulative signal fraction at step {@code t}. */
    public double alphaBar(int t) {
        return alphaBar[t];
    }

    /** A batch's network inputs and regression targets. */
    public record Pairs(INDArray inputs, INDArray targets) {
    }

    /**
     * Noises {@code batch} (rows: 64 clean pixels in [-1, 1], then the condition one-hots; labels: the class group
     * each row belongs to) at a random step with Gaussian noise eps, all drawn from {@code rng}. The target is eps,
     * except for rows whose label is in {@code randomTarget}: there it is uniform noise in [0, 1), the paper's "CG"
     * unlearning objective ({@code training_losses_ul}: {@code target = th.rand_like(target)} for forget classes).
     */
    public Pairs draw(Samples batch, Set<Integer> randomTarget, SeededRandom rng) {
        int n = batch.size();
        int pixels = DitNetwork.PIXELS;
        double[] x = DitOps.values(batch.inputs());
        int cols = batch.inputs().columns();
        double[] in = new double[n * (cols + 1)];
        double[] target = new double[n * pixels];
        for (int s = 0; s < n; s++) {
            int t = rng.nextInt(steps());
            double signal = Math.sqrt(alphaBar[t]);
            double spread = Math.sqrt(1 - alphaBar[t]);
            for (int i = 0; i < pixels; i++) {
                double eps = rng.nextGaussian();
                in[s * (cols + 1) + i] = signal * x[s * cols + i] + spread * eps;
                target[s * pixels + i] = eps;
            }
            in[s * (cols + 1) + pixels] = t;
            System.arraycopy(x, s * cols + pixels, in, s * (cols + 1) + pixels + 1, cols - pixels);
        }
        // Drawn after every row's noise, so the forget objective sees the same noisy inputs as the plain one.
        for (int s = 0; s < n; s++) {
            if (batch.labels() != null && randomTarget.contains(batch.labels()[s])) {
                for (int i = 0; i < pixels; i++) {
                    target[s * pixels + i] = rng.nextDouble();
                }
            }
        }
        return new Pairs(DitOps.matrix(in, cols + 1), DitOps.matrix(target, pixels));
    }

    /** Mean squared error over every pixel of the batch, and its gradient. */
    public static Loss.Result mse(INDArray predicted, INDArray target) {
        INDArray diff = predicted.sub(target);
        double count = diff.length();
        return new Loss.Result(diff.mul(diff).sumNumber().doubleValue() / count, diff.muli(2.0 / count));
    }
}
