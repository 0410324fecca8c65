package io.lethe.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The real data sets bundled with Lethe, addressed the way producers name them in
 * {@code IngestRecords} ({@code orl:s1/1.pgm}, {@code fsdd:0_george_0.wav}, {@code optdigits:tra/17}).
 *
 * <p>Files live on the classpath under {@code lethe/data/}; see {@code ATTRIBUTION.md} there for credits.
 * An {@code optdigits} source names one row (0-based) of the {@code .tra} or {@code .tes} file and
 * reads as that CSV line's bytes.
 */
public final class BundledSamples {

    private static final String ROOT = "lethe/data/";
    private static final Pattern ORL = Pattern.compile("s([1-9]|[1-3][0-9]|40)/([1-9]|10)\\.pgm");
    private static final Pattern FSDD = Pattern.compile("[0-9]_[a-z]+_[0-9]+\\.wav");
    private static final Pattern OPTDIGITS = Pattern.compile("(tra|tes)/([0-9]{1,5})");

    private BundledSamples() {
    }

    /** Reads a bundled sample, or empty when the name is malformed or names nothing bundled. */
    public static Optional<byte[]> read(String source) {
        int colon = source == null ? -1 : source.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String dataset = source.substring(0, colon);
        String name = source.substring(colon + 1);
        switch (dataset) {
            case "orl":
                return ORL.matcher(name).matches() ? resource("orl/" + name) : Optional.empty();
            case "fsdd":
                return FSDD.matcher(name).matches() ? resource("fsdd/" + name) : Optional.empty();
            case "optdigits":
                return optdigitsRow(name);
            default:
                return Optional.empty();
        }
    }

    /** Reads a whole bundled file by its path below {@code lethe/data/}, e.g. {@code optdigits/optdigits.tra}. */
    public static Optional<byte[]> file(String path) {
        return resource(path);
    }

    private static Optional<byte[]> optdigitsRow(String name) {
        var m = OPTDIGITS.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        int row = Integer.parseInt(m.group(2));
        return resource("optdigits/optdigits." + m.group(1)).flatMap(bytes -> csvRow(bytes, row));
    }

    private static Optional<byte[]> csvRow(byte[] file, int row) {
        String[] lines = new String(file, java.nio.charset.StandardCharsets.US_ASCII).split("\r?\n");
        // The first line is the header "Block 1..Block 64,Class"; row 0 is the first data line.
        int index = row + 1;
        if (index >= lines.length || lines[index].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(lines[index].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static Optional<byte[]> resource(String path) {
        try (InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled sample " + path, e);
        }
    }
}
