package io.lethe.app.cli;

import io.lethe.api.samples.BundledSamples;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.report.ProgressListener;
import io.lethe.sim.report.SimReportRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code lethe sim report --task face|speaker|image [--json]}: a workload on the simulator, on the bundled data. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "The accelerator simulator.",
        subcommands = SimCommand.Report.class)
final class SimCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: lethe sim report --task face|speaker|image [--json]");
    }

    /** The bundled real data sets, as the simulator reads them. */
    static SampleSource bundled() {
        return SampleSource.of(BundledSamples::read, BundledSamples::file);
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Learn, forget (EXACT, APPROXIMATE, REBASE) and adapt on one workload; accuracy, "
                    + "membership-inference AUC and cost ratios beside the paper's figures.")
    static final class Report implements Callable<Integer> {

        @Option(names = "--task", required = true, description = "face, speaker or image")
        String task;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (json) {
                JsonStdout.print(() -> new SimReportRunner().run(task, bundled(), progressBar()).toJson());
            } else {
                System.out.println(new SimReportRunner().run(task, bundled(), progressBar()).toText());
            }
            return 0;
        }

        /** A progress bar on stderr when it is a terminal, plain lines otherwise (logs stay readable). */
        private static ProgressListener progressBar() {
            boolean terminal = System.console() != null;
            return (label, done, total) -> {
                int width = 30;
                int filled = total <= 0 ? width : Math.max(0, Math.min(width, done * width / total));
                String bar = "#".repeat(filled) + "-".repeat(width - filled);
                if (terminal) {
                    System.err.printf("\r[%s] %d/%d %-40s", bar, done, total, label);
                    if (done == total) {
                        System.err.println();
                    }
                } else {
                    System.err.printf("[%d/%d] %s%n", done, total, label);
                }
            };
        }
    }
}
