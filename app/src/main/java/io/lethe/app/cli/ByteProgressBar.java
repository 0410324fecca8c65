package io.lethe.app.cli;

import java.util.function.LongConsumer;

/** A progress bar on stderr for work over a file of known size: redrawn in place on a terminal, else every 10 %. */
final class ByteProgressBar implements LongConsumer {

    private static final int WIDTH = 30;
    private final long total;
    private final String label;
    private final boolean terminal = System.console() != null;
    private int lastTenth = -1;

    ByteProgressBar(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
    }

    @Override
    public void accept(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            int filled = percent * WIDTH / 100;
            System.err.printf("\r%s [%s%s] %3d%%", label, "#".repeat(filled), "-".repeat(WIDTH - filled), percent);
            if (done >= total) {
                System.err.println();
            }
        } else if (percent / 10 > lastTenth) {
            lastTenth = percent / 10;
            System.err.printf("%s %d%%%n", label, percent);
        }
    }
}
