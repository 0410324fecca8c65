package io.lethe.app.verify;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running {@code lethe up} can be reached: {@code <data-dir>/endpoints.properties}, written when it is ready,
 * so {@code lethe verify --data-dir} finds the database without the user copying URLs. Owner-readable only, since
 * it holds the database password.
 *
 * @param http             the REST base URL
 * @param kafka            Kafka bootstrap servers
 * @param postgresUrl      JDBC URL
 * @param postgresUser     database user (may be null)
 * @param postgresPassword database password (may be null)
 */
public record Endpoints(String http, String kafka, String postgresUrl, String postgresUser, String postgresPassword) {

    /** The file name inside the data directory. */
    public static final String FILE = "endpoints.properties";

    /** Writes {@code <dataDir>/endpoints.properties}. */
    public void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        put(p, "http", http);
        put(p, "kafka", kafka);
        put(p, "postgres.url", postgresUrl);
        put(p, "postgres.user", postgresUser);
        put(p, "postgres.password", postgresPassword);
        Path file = dataDir.resolve(FILE);
        Files.createDirectories(dataDir);
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "written by lethe up when ready; read by lethe verify");
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection applies.
        }
    }

    /** @return the endpoints written into {@code dataDir}, if that file exists */
    public static Optional<Endpoints> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return Optional.of(new Endpoints(p.getProperty("http"), p.getProperty("kafka"),
                p.getProperty("postgres.url"), p.getProperty("postgres.user"), p.getProperty("postgres.password")));
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
