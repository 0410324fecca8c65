package io.lethe.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A child process's output, read line by line on a daemon thread so the child never blocks on a full pipe. */
final class ProcessOutput {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ProcessOutput() {
    }

    static ProcessOutput capture(Process process, String threadName) {
        ProcessOutput output = new ProcessOutput();
        Thread reader = new Thread(() -> output.read(process), threadName);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    /** The lines so far; safe to iterate while more arrive. */
    List<String> lines() {
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }

    private void read(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("[output closed: " + e.getMessage() + "]");
        }
    }
}
