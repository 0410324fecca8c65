package io.lethe.sim.data;

/**
 * Speaker features computed in Java: 25 ms Hamming frames every 10 ms, 256-point FFT, 40 mel filters,
 * log energies and their DCT (MFCC). Per utterance: mean and std of the 40 log-mel energies, mean and std
 * of MFCC 1..20, and std of delta-MFCC 1..20 = 140 values (the paper's speaker model has 140 inputs).
 * Frames quieter than 1 % of the loudest frame are dropped (silence).
 */
public final class LogMelFeatures {

    /** Feature vector length. */
    public static final int SIZE = 140;
    private static final int MELS = 40;
    private static final int CEPS = 20;
    private static final int FFT = 256;

    private LogMelFeatures() {
    }

    public static double[] of(WavPcm16 wav) {
        int frame = wav.sampleRate() / 40;
        int hop = wav.sampleRate() / 100;
        double[][] filters = melFilters(wav.sampleRate());
        double[] signal = preEmphasis(wav.samples());
        int frames = Math.max(1, (signal.length - frame) / hop + 1);
        double[][] logMel = new double[frames][];
        double[] energy = new double[frames];
        double maxEnergy = 0;
        for (int f = 0; f < frames; f++) {
            double[] power = powerSpectrum(signal, f * hop, frame);
            logMel[f] = new double[MELS];
            for (int m = 0; m < MELS; m++) {
                double e = 0;
                for (int k = 0; k < power.length; k++) {
                    e += filters[m][k] * power[k];
                }
                logMel[f][m] = Math.log(e + 1e-10);
                energy[f] += e;
            }
            maxEnergy = Math.max(maxEnergy, energy[f]);
        }
        java.util.List<double[]> voiced = new java.util.ArrayList<>();
        for (int f = 0; f < frames; f++) {
            if (energy[f] >= 0.01 * maxEnergy) {
                voiced.add(logMel[f]);
            }
        }
        return summarise(voiced);
    }

    private static double[] summarise(java.util.List<double[]> mels) {
        int n = mels.size();
        double[][] mfcc = new double[n][];
        for (int i = 0; i < n; i++) {
            mfcc[i] = dct(mels.get(i));
        }
        double[][] delta = new double[n][CEPS];
        for (int i = 0; i < n; i++) {
            double[] prev = mfcc[Math.max(0, i - 1)];
            double[] next = mfcc[Math.min(n - 1, i + 1)];
            for (int c = 0; c < CEPS; c++) {
                delta[i][c] = (next[c] - prev[c]) / 2;
            }
        }
        double[] out = new double[SIZE];
        meanStd(mels.toArray(new double[0][]), 0, MELS, out, 0, MELS);
        meanStd(mfcc, 1, CEPS, out, 2 * MELS, 2 * MELS + CEPS);
        double[] tmp = new double[2 * CEPS];
        meanStd(delta, 0, CEPS, tmp, 0, CEPS);
        System.arraycopy(tmp, CEPS, out, 2 * MELS + 2 * CEPS, CEPS);
        return out;
    }

    private static void meanStd(double[][] rows, int first, int count, double[] out, int meanAt, int stdAt) {
        for (int c = 0; c < count; c++) {
            double s = 0;
            double s2 = 0;
            for (double[] r : rows) {
                s += r[first + c];
                s2 += r[first + c] * r[first + c];
            }
            double mean = s / rows.length;
            out[meanAt + c] = mean;
            out[stdAt + c] = Math.sqrt(Math.max(0, s2 / rows.length - mean * mean));
        }
    }

    private static double[] dct(double[] logMel) {
        double[] c = new double[CEPS + 1];
        for (int k = 0; k <= CEPS; k++) {
            double s = 0;
            for (int m = 0; m < MELS; m++) {
                s += logMel[m] * Math.cos(Math.PI * k * (m + 0.5) / MELS);
            }
            c[k] = s;
        }
        return c;
    }

    static double[] preEmphasis(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] - (i > 0 ? 0.97 * x[i - 1] : 0);
        }
        return y;
    }

    private static double[] powerSpectrum(double[] x, int start, int frame) {
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int i = 0; i < Math.min(frame, FFT); i++) {
            double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (frame - 1));
            re[i] = start + i < x.length ? x[start + i] * w : 0;
        }
        fft(re, im);
        double[] p = new double[FFT / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = (re[k] * re[k] + im[k] * im[k]) / FFT;
        }
        return p;
    }

    /** In-place iterative radix-2 FFT. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private static double[][] melFilters(int rate) {
        int bins = FFT / 2 + 1;
        double maxMel = mel(rate / 2.0);
        double[] centres = new double[MELS + 2];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = hz(maxMel * i / (MELS + 1)) * FFT / rate;
        }
        double[][] f = new double[MELS][bins];
        for (int m = 0; m < MELS; m++) {
            for (int k = 0; k < bins; k++) {
                double up = (k - centres[m]) / (centres[m + 1] - centres[m]);
                double down = (centres[m + 2] - k) / (centres[m + 2] - centres[m + 1]);
                f[m][k] = Math.max(0, Math.min(up, down));
            }
        }
        return f;
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
