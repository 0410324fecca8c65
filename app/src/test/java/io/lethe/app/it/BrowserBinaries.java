package io.lethe.app.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium and its chromedriver (the same version as the browser), installed by the test itself when
 * either is missing, so the README's one test command runs the browser test on a fresh machine too. Installing
 * takes {@code apt-get} as root; anywhere else the test says what to install.
 */
record BrowserBinaries(Path chromium, Path chromedriver) {

    private static final BrowserBinaries DEBIAN =
            new BrowserBinaries(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"));
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final long INSTALL_MINUTES = 20;

    /** The binaries, installed first when missing; fails (or skips under {@code LETHE_SKIP_BROWSER=1}) when it cannot. */
    static synchronized BrowserBinaries require() throws IOException, InterruptedException {
        if (DEBIAN.missing().isEmpty()) {
            return DEBIAN;
        }
        Assumptions.assumeFalse("1".equals(System.getenv("LETHE_SKIP_BROWSER")),
                "skipped because LETHE_SKIP_BROWSER=1; missing " + DEBIAN.missing());
        if (!Files.isExecutable(APT_GET) || !"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the dashboard browser test needs Debian's chromium and chromium-driver,"
                    + " missing: " + DEBIAN.missing() + "; it installs them itself when run as root on Debian,"
                    + " otherwise run: sudo apt-get install chromium chromium-driver");
        }
        install();
        if (!DEBIAN.missing().isEmpty()) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver but "
                    + DEBIAN.missing() + " are still missing");
        }
        return DEBIAN;
    }

    private List<Path> missing() {
        return Stream.of(chromium, chromedriver).filter(p -> !Files.isExecutable(p)).toList();
    }

    private static void install() throws IOException, InterruptedException {
        System.out.println("installing Debian's chromium and chromium-driver for the browser test (apt-get)");
        apt("update", "-qq");
        apt("install", "-y", "-qq", "chromium", "chromium-driver");
    }

    /** One apt-get run; waits for the dpkg lock, since other builds on the machine may be installing too. */
    private static void apt(String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of(APT_GET.toString(), "-o", "DPkg::Lock::Timeout=600"),
                Stream.of(args)).toList();
        Path log = Files.createTempFile("lethe-apt-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process apt = builder.start();
        boolean finished = apt.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!finished) {
            apt.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + INSTALL_MINUTES
                    + " min:\n" + output);
        }
        if (apt.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + apt.exitValue() + "):\n"
                    + output);
        }
    }
}
