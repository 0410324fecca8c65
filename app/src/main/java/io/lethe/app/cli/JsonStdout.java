package io.lethe.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Makes a {@code --json} command print exactly one JSON document on stdout. While the document is computed,
 * {@code System.out} is pointed at stderr, so whatever a library prints on the way (an embedded broker, a
 * framework banner, a log appender configured for stdout) cannot end up inside what a script parses.
 */
final class JsonStdout {

    private JsonStdout() {
    }

    /** Computes the document with stdout diverted to stderr, then prints it alone on the real stdout. */
    static void print(Callable<String> document) throws Exception {
        PrintStream stdout = System.out;
        String json;
        System.setOut(System.err);
        try {
            json = document.call();
        } finally {
            System.setOut(stdout);
        }
        stdout.println(json);
        stdout.flush();
    }
}
