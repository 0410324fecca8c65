package io.lethe.witness;

import io.lethe.verifier.Checkpoint;
import io.lethe.verifier.SignedNote;
import io.lethe.verifier.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The witness's whole state: the latest checkpoint it cosigned for each origin, one file per origin under
 * {@code <state-dir>/checkpoints/} holding the log's signed note as submitted. Writes are durable and atomic
 * ({@link DurableFiles}) and finish before the witness answers, as the spec requires.
 */
final class CosignedCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(CosignedCheckpoints.class);

    private final Path dir;
    private final Map<String, Checkpoint> latest = new HashMap<>();

    private CosignedCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** Loads every stored checkpoint; a file that is not a checkpoint stops the witness rather than reset it. */
    static CosignedCheckpoints open(Path stateDir) throws IOException {
        CosignedCheckpoints state = new CosignedCheckpoints(stateDir.resolve("checkpoints"));
        Files.createDirectories(state.dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(state.dir, "*.note")) {
            for (Path file : files) {
                String origin = URLDecoder.decode(file.getFileName().toString().replaceFirst("\\.note$", ""),
                        StandardCharsets.UTF_8);
                state.latest.put(origin, parse(file));
            }
        }
        return state;
    }

    Optional<Checkpoint> latest(String origin) {
        return Optional.ofNullable(latest.get(origin));
    }

    /** Makes {@code checkpoint} (from {@code note}) the latest for its origin, on disk first. */
    void save(Checkpoint checkpoint, String note) {
        try {
            DurableFiles.replace(file(checkpoint.origin()), note.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not persist the cosigned checkpoint", e);
        }
        latest.put(checkpoint.origin(), checkpoint);
    }

    /** Keeps both notes of a fork under {@code <state-dir>/forks/}, for whoever audits the log. */
    void recordFork(Fork fork, String submittedNote) {
        String name = URLEncoder.encode(fork.held().origin(), StandardCharsets.UTF_8) + "." + fork.held().treeSize()
                + "-" + fork.submitted().treeSize() + "." + Integer.toHexString(submittedNote.hashCode()) + ".txt";
        String evidence = fork.describe() + "\n\n# cosigned\n" + heldNote(fork.held().origin())
                + "\n# submitted\n" + submittedNote;
        try {
            DurableFiles.replace(dir.resolveSibling("forks").resolve(name), evidence.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The refusal stands either way; losing the evidence file must not turn it into a cosignature.
            LOG.error("could not write fork evidence {}: {}", name, e.getMessage());
        }
    }

    private String heldNote(String origin) {
        try {
            return Files.readString(file(origin), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
    }

    Path file(String origin) {
        return dir.resolve(URLEncoder.encode(origin, StandardCharsets.UTF_8) + ".note");
    }

    private static Checkpoint parse(Path file) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.parse(Files.readString(file, StandardCharsets.UTF_8)).body());
        } catch (VerificationException e) {
            throw new IOException(file + " is not a signed checkpoint: " + e.getMessage(), e);
        }
    }
}
