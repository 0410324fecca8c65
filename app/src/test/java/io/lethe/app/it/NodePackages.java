package io.lethe.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinned npm packages for the tests that check our output with a JavaScript implementation that is not ours: the
 * first call installs the package from the npm registry into {@code target/node-<folder>}, later ones find it there.
 * Needs Node and npm on the path.
 */
final class NodePackages {

    private NodePackages() {
    }

    /**
     * @param spec   {@code name@version}
     * @param folder the folder under {@code target} to install into
     * @return its {@code node_modules}
     */
    static synchronized Path install(String spec, String folder) throws IOException, InterruptedException {
        Path prefix = Path.of("target", folder);
        Path modules = prefix.resolve("node_modules");
        String name = spec.substring(0, spec.lastIndexOf('@'));
        if (Files.exists(modules.resolve(name).resolve("package.json"))) {
            return modules;
        }
        Files.createDirectories(prefix);
        Result npm = run(List.of("npm", "install", "--prefix", prefix.toString(), "--no-save", "--no-package-lock",
                "--no-audit", "--no-fund", spec), 5);
        assertThat(npm.exitCode()).as("npm install " + spec + ":\n" + npm.output()).isZero();
        return modules;
    }

    /** Runs a command to its end (at most {@code minutes}), its standard output and error together. */
    static Result run(List<String> command, int minutes) throws IOException, InterruptedException {
        Path log = Files.createTempFile("lethe-node", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " min");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    record Result(int exitCode, String output) {
    }
}
