package io.lethe.sim.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** UCI optdigits rows: 64 pixel counts (0..16, an 8x8 image row-major) then the digit class. */
public final class OptdigitsCsv {

    /** One parsed row. */
    public record Row(int[] pixels, int digit) {
    }

    private OptdigitsCsv() {
    }

    /** Parses one CSV line (as bytes). */
    public static Row parseRow(byte[] line) {
        String[] parts = new String(line, StandardCharsets.US_ASCII).trim().split(",");
        if (parts.length != 65) {
            throw new IllegalArgumentException("optdigits row needs 65 fields, had " + parts.length);
        }
        int[] px = new int[64];
        for (int i = 0; i < 64; i++) {
            px[i] = Integer.parseInt(parts[i].trim());
        }
        return new Row(px, Integer.parseInt(parts[64].trim()));
    }

    /** The data lines of a whole file (header line skipped), as the bytes a record payload carries. */
    public static List<byte[]> dataLines(byte[] file) {
        String[] lines = new String(file, StandardCharsets.US_ASCII).split("\r?\n");
        List<byte[]> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(lines[i].getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out;
    }
}
