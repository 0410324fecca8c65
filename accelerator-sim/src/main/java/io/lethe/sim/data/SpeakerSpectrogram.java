package io.lethe.sim.data;

/**
 * Inputs of the paper's spiking speaker model computed in Java from a WAV file: 140 mel-spaced frequency
 * channels x 10 time windows (the paper's code bins SSC's 700 cochlear channels by 5 into 140, over T = 10
 * windows). 25 ms Hamming frames every 10 ms, 512-point FFT, band energies summed over mel-spaced bin ranges (at
 * least one bin each); silent frames (under 1 % of the loudest) dropped; the voiced frames split into 10 equal
 * runs whose log energies are averaged. Each record is scaled on its own (no statistics across records, so a
 * forgotten record leaves no trace in another's input): 0 at 60 dB below its loudest cell, 1 at the loudest.
 */
public final class SpeakerSpectrogram {

    /** Frequency channels. */
    public static final int CHANNELS = 140;
    /** Time windows. */
    public static final int WINDOWS = 10;
    private static final int FFT = 512;
    private static final double RANGE = Math.log(1e6);

    private SpeakerSpectrogram() {
    }

    /** {@code WINDOWS * CHANNELS} values in [0, 1], window-major. */
    public static double[] of(WavPcm16 wav) {
        int frame = wav.sampleRate() / 40;
        int hop = wav.sampleRate() / 100;
        int[] edges = bandEdges(wav.sampleRate());
        double[] signal = LogMelFeatures.preEmphasis(wav.samples());
        int frames = Math.max(1, (signal.length - frame) / hop + 1);
        double[][] bands = new double[frames][];
        double[] energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            bands[f] = bandEnergies(power(signal, f * hop, frame), edges);
            for (double e : bands[f]) {
                energy[f] += e;
            }
            loudest = Math.max(loudest, energy[f]);
        }
        java.util.List<double[]> voiced = new java.util.ArrayList<>();
        for (int f = 0; f < frames; f++) {
            if (energy[f] >= 0.01 * loudest) {
                voiced.add(bands[f]);
            }
        }
        return scaled(windows(voiced));
    }

    private static double[] windows(java.util.List<double[]> voiced) {
        double[] out = new double[WINDOWS * CHANNELS];
        int n = voiced.size();
        for (int w = 0; w < WINDOWS; w++) {
            int from = w * n / WINDOWS;
            int to = Math.max(from + 1, (w + 1) * n / WINDOWS);
            for (int f = from; f < Math.min(to, n); f++) {
                for (int c = 0; c < CHANNELS; c++) {
                    out[w * CHANNELS + c] += Math.log(voiced.get(f)[c] + 1e-12) / (Math.min(to, n) - from);
                }
            }
        }
        return out;
    }

    private static double[] scaled(double[] logEnergies) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logEnergies) {
            max = Math.max(max, v);
        }
        double[] out = new double[logEnergies.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, 1 + (logEnergies[i] - max) / RANGE);
        }
        return out;
    }

    private static double[] power(double[] x, int start, int frame) {
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int i = 0; i < Math.min(frame, FFT); i++) {
            double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (frame - 1));
            re[i] = start + i < x.length ? x[start + i] * w : 0;
        }
        LogMelFeatures.fft(re, im);
        double[] p = new double[FFT / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = (re[k] * re[k] + im[k] * im[k]) / FFT;
        }
        return p;
    }

    /** Bin ranges [edges[c], edges[c+1]) of the channels, mel-spaced up to Nyquist, at least one bin wide. */
    private static int[] bandEdges(int rate) {
        int bins = FFT / 2 + 1;
        double maxMel = LogMelFeatures.mel(rate / 2.0);
        int[] edges = new int[CHANNELS + 1];
        for (int c = 0; c <= CHANNELS; c++) {
            int bin = (int) Math.round(LogMelFeatures.hz(maxMel * c / CHANNELS) * FFT / rate);
            edges[c] = c == 0 ? 0 : Math.max(edges[c - 1] + 1, Math.min(bin, bins - (CHANNELS - c)));
        }
        return edges;
    }

    private static double[] bandEnergies(double[] power, int[] edges) {
        double[] e = new double[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            for (int k = edges[c]; k < edges[c + 1]; k++) {
                e[c] += power[k];
            }
        }
        return e;
    }
}
