package io.lethe.sim.data;

/** A parsed binary (P5) PGM image, 8-bit. */
public record PgmImage(int width, int height, int maxValue, int[] pixels) {

    /** Parses P5 with 8-bit samples; header comments ({@code #...}) are skipped. */
    public static PgmImage parse(byte[] bytes) {
        int[] pos = {0};
        String magic = token(bytes, pos);
        if (!"P5".equals(magic)) {
            throw new IllegalArgumentException("not a binary PGM (magic " + magic + ")");
        }
        int width = Integer.parseInt(token(bytes, pos));
        int height = Integer.parseInt(token(bytes, pos));
        int max = Integer.parseInt(token(bytes, pos));
        if (max > 255) {
            throw new IllegalArgumentException("16-bit PGM not supported");
        }
        int start = pos[0] + 1; // exactly one whitespace byte after maxval
        if (start + width * height > bytes.length) {
            throw new IllegalArgumentException("PGM truncated");
        }
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = bytes[start + i] & 0xff;
        }
        return new PgmImage(width, height, max, px);
    }

    private static String token(byte[] b, int[] pos) {
        int i = pos[0];
        while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
            if (b[i] == '#') {
                while (i < b.length && b[i] != '\n') {
                    i++;
                }
            }
            i++;
        }
        int start = i;
        while (i < b.length && !Character.isWhitespace(b[i])) {
            i++;
        }
        pos[0] = i;
        return new String(b, start, i - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Area-averaged resize to {@code w x h}, values scaled to [0, 1]. */
    public double[] resized(int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = areaMean(x * (double) width / w, (x + 1) * (double) width / w,
                        y * (double) height / h, (y + 1) * (double) height / h) / maxValue;
            }
        }
        return out;
    }

    private double areaMean(double x0, double x1, double y0, double y1) {
        double sum = 0;
        double area = 0;
        for (int y = (int) y0; y < Math.ceil(y1) && y < height; y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) x0; x < Math.ceil(x1) && x < width; x++) {
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += wx * wy * pixels[y * width + x];
                area += wx * wy;
            }
        }
        return sum / area;
    }
}
