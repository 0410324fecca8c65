package io.lethe.app.cli;

import io.lethe.app.audit.Progress;

import java.io.PrintStream;

/** A progress bar on stderr when it is a terminal; otherwise a plain line per tenth, so logs stay readable. */
final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private long lastTenth = -1;

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static ProgressBar onStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void update(String what, long done, long total) {
        long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
        if (terminal) {
            int filled = (int) (percent * WIDTH / 100);
            err.printf("\r[%s] %3d%% %s %d/%d", "#".repeat(filled) + "-".repeat(WIDTH - filled), percent, what, done,
                    total);
            if (done >= total) {
                err.println();
            }
        } else if (percent / 10 != lastTenth) {
            lastTenth = percent / 10;
            err.printf("%s: %d/%d (%d%%)%n", what, done, total, percent);
        }
    }
}
