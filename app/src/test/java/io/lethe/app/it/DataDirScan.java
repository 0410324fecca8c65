package io.lethe.app.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Byte-for-byte search of every regular file under a directory (and of a process's log output) for
 * needles: what an auditor with a shell and {@code grep -r} would find, whatever the file's format.
 */
final class DataDirScan {

    private DataDirScan() {
    }

    /** Every place a needle was found, as {@code "<needle> in <file>"}; empty when none was. */
    static List<String> find(Path root, Map<String, byte[]> needles, String logOutput) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String bytes = new String(readQuietly(file), StandardCharsets.ISO_8859_1);
                needles.forEach((name, needle) -> {
                    if (bytes.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                        found.add(name + " in " + root.relativize(file));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] log = logOutput.getBytes(StandardCharsets.UTF_8);
        String logText = new String(log, StandardCharsets.ISO_8859_1);
        needles.forEach((name, needle) -> {
            if (logText.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                found.add(name + " in the log output");
            }
        });
        return found;
    }

    /** A file that vanished between listing and reading (a recycled WAL segment, a rolled log) is empty. */
    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
