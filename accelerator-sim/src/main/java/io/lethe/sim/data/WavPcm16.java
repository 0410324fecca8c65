package io.lethe.sim.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A parsed RIFF/WAVE file with 16-bit PCM samples (first channel kept), scaled to [-1, 1). */
public record WavPcm16(int sampleRate, double[] samples) {

    public static WavPcm16 parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int rate = 0;
        int channels = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (b.getShort(body) != 1 || b.getShort(body + 14) != 16) {
                    throw new IllegalArgumentException("only PCM 16-bit WAV is supported");
                }
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IllegalArgumentException("WAV data before fmt chunk");
                }
                int frames = Math.min(size, bytes.length - body) / (2 * channels);
                double[] s = new double[frames];
                for (int i = 0; i < frames; i++) {
                    s[i] = b.getShort(body + i * 2 * channels) / 32768.0;
                }
                return new WavPcm16(rate, s);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }
}
