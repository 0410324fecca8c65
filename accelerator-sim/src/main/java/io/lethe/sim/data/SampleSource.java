package io.lethe.sim.data;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the simulator gets raw sample bytes. Record names are the ones producers use in
 * {@code IngestRecords}: {@code orl:s1/1.pgm}, {@code fsdd:0_george_0.wav}, {@code optdigits:tra/17}
 * (one CSV row). Whole files (used to enumerate optdigits quickly) are addressed by their path below
 * the data root through {@link #file(String)}, e.g. {@code optdigits/optdigits.tra}; by convention the
 * default implementation asks {@link #read(String)} for {@code "file:" + path}.
 *
 * <p>The {@code api} module's {@code BundledSamples} fits: {@code SampleSource.of(BundledSamples::read,
 * BundledSamples::file)}.
 */
@FunctionalInterface
public interface SampleSource {

    /** The bytes of a named record, or empty if unknown. */
    Optional<byte[]> read(String name);

    /** The bytes of a whole data file, or empty if unknown. */
    default Optional<byte[]> file(String path) {
        return read("file:" + path);
    }

    /** A source from two lookups: one for record names, one for whole files. */
    static SampleSource of(Function<String, Optional<byte[]>> records, Function<String, Optional<byte[]>> files) {
        return new SampleSource() {
            @Override
            public Optional<byte[]> read(String name) {
                return records.apply(name);
            }

            @Override
            public Optional<byte[]> file(String path) {
                return files.apply(path);
            }
        };
    }

    /** Reads a record or fails naming it. */
    default byte[] require(String name) {
        return read(name).orElseThrow(() -> new IllegalArgumentException("no sample named " + name));
    }
}
