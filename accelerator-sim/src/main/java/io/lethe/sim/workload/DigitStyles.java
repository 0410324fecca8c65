package io.lethe.sim.workload;

import java.util.List;

/**
 * Deterministic "owner styles" for 8x8 optdigits images (pixel counts 0..16 to intensities in [0, 1]).
 * Each style owner is a data subject whose renderings the generator learns.
 */
public final class DigitStyles {

    /** Base owners (in the backbone), then the owner added later by adaptation. */
    public static final List<String> OWNERS = List.of("plain", "bold", "italic", "inverted", "checker");

    private DigitStyles() {
    }

    /** Renders 64 optdigits counts in {@code style}. */
    public static double[] render(String style, int[] counts) {
        double[] x = new double[64];
        for (int i = 0; i < 64; i++) {
            x[i] = counts[i] / 16.0;
        }
        return switch (style) {
            case "plain" -> x;
            case "bold" -> dilate(x);
            case "italic" -> shear(x);
            case "inverted" -> invert(x);
            case "checker" -> checker(x);
            default -> throw new IllegalArgumentException("unknown style " + style);
        };
    }

    /** Thicker strokes: each pixel takes the max of itself and its right and lower neighbours. */
    private static double[] dilate(double[] x) {
        double[] y = new double[64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                double v = x[r * 8 + c];
                v = Math.max(v, c + 1 < 8 ? x[r * 8 + c + 1] : 0);
                v = Math.max(v, r + 1 < 8 ? x[(r + 1) * 8 + c] : 0);
                y[r * 8 + c] = v;
            }
        }
        return y;
    }

    /** Slanted: row r moves right by (7 - r) / 3 pixels. */
    private static double[] shear(double[] x) {
        double[] y = new double[64];
        for (int r = 0; r < 8; r++) {
            int shift = (7 - r) / 3;
            for (int c = 0; c < 8; c++) {
                int src = c - shift;
                y[r * 8 + c] = src >= 0 ? x[r * 8 + src] : 0;
            }
        }
        return y;
    }

    private static double[] invert(double[] x) {
        double[] y = new double[64];
        for (int i = 0; i < 64; i++) {
            y[i] = 1 - x[i];
        }
        return y;
    }

    /** Strokes with a checkerboard texture: every other pixel at half intensity. */
    private static double[] checker(double[] x) {
        double[] y = new double[64];
        for (int i = 0; i < 64; i++) {
            y[i] = ((i / 8 + i % 8) % 2 == 0) ? x[i] : 0.4 * x[i];
        }
        return y;
    }
}
