package io.lethe.app.keys;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Secret files only their owner can read: directories made here are 0700, files 0600 from the moment they exist
 * (written to a temporary file created with those permissions, then moved into place, so no reader ever sees a
 * half-written or world-readable key).
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to a file that must not exist yet. */
    static void create(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        write(file, content, false);
    }

    /** Writes {@code content} to {@code file}, replacing what was there in one step. */
    static void replace(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /** Creates the missing directories of {@code dir}, each owner-only. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute, attribute(DIRECTORY));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: whatever protects the data directory has to do.
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first.
        }
    }

    private static void write(Path file, byte[] content, boolean replace) throws IOException {
        Path target = file.toAbsolutePath();
        createDirectories(target.getParent());
        Path temporary = temporaryNextTo(target);
        try {
            Files.write(temporary, content);
            move(temporary, target, replace);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path temporaryNextTo(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try {
            return Files.createTempFile(target.getParent(), prefix, ".tmp", attribute(FILE));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(target.getParent(), prefix, ".tmp");
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
