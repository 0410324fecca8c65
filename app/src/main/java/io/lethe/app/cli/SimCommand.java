package io.lethe.app.cli;

import io.lethe.samples.BundledSamples;
import io.lethe.sim.config.Presets;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.paper.DitImageRun;
import io.lethe.sim.paper.OnChipReport;
import io.lethe.sim.paper.LsmSpeakerRun;
import io.lethe.sim.paper.MixerFaceRun;
import io.lethe.sim.paper.PaperScaleEstimator;
import io.lethe.sim.paper.PaperScaleReport;
import io.lethe.sim.report.ProgressListener;
import io.lethe.sim.report.SimReport;
import io.lethe.sim.report.SimReportRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lethe sim report --task face|speaker|image [--scale ci|paper] [--arch mlp|paper] [--challenge-models N]
 * [--json]}: a workload on
 * the simulator, on the bundled data (CI size), the paper's own models trained on the chip ({@code --arch
 * paper}), or the operation-count estimate for the paper's own architecture (paper scale).
 */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "The accelerator simulator.",
        subcommands = SimCommand.Report.class)
final class SimCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: lethe sim report --task face|speaker|image [--scale ci|paper] [--arch mlp|paper] "
                + "[--challenge-models N] [--json]");
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

        @Option(names = "--scale", defaultValue = "ci", description = "ci (train and forget the CI-size model, "
                + "default) or paper (operation counts of the paper's architecture at its sizes, nothing trained)")
        String scale;

        @Option(names = "--arch", defaultValue = "mlp", description = "mlp (the workers' CI-size model, default) "
                + "or paper (the paper's own architecture trained on the chip: Mixer, LSM, ConvNeXt DiT)")
        String arch;

        @Option(names = "--challenge-models", defaultValue = "0", description = "With N >= 3 (CI size only): the "
                + "NeurIPS 2023 unlearning challenge's forget score of the APPROXIMATE forget, from N unlearned and N "
                + "retrained models, beside N more retrains' score (the oracle's); face about 5 s per N. Default 0: "
                + "not run.")
        int challengeModels;

        @Override
        public Integer call() throws Exception {
            if (challengeModels != 0 && (challengeModels < 3 || !"ci".equals(scale) || !"mlp".equals(arch))) {
                System.err.println("--challenge-models takes N >= 3 (with 2 every score is 0), and only with the "
                        + "CI-size model (--scale ci --arch mlp)");
                return 2;
            }
            if ("paper".equals(arch) && "ci".equals(scale)) {
                if (!List.of("face", "speaker", "image").contains(task)) {
                    System.err.println("--arch paper is built for face, speaker and image");
                    return 2;
                }
                print(() -> {
                    OnChipReport report = switch (task) {
                        case "face" -> new MixerFaceRun(Presets.paper180nm()).run(bundled());
                        case "speaker" -> new LsmSpeakerRun(Presets.paper180nm()).run(bundled());
                        default -> new DitImageRun(Presets.paper180nm(), DitImageRun.Settings.ci()).run(bundled());
                    };
                    return json ? report.toJson() : report.toText();
                });
                return 0;
            }
            if ("paper".equals(scale)) {
                print(() -> {
                    PaperScaleReport report = new PaperScaleEstimator(Presets.paper180nm()).estimate(task);
                    return json ? report.toJson() : report.toText();
                });
                return 0;
            }
            if (!"ci".equals(scale)) {
                System.err.println("--scale must be ci or paper, was " + scale);
                return 2;
            }
            print(() -> {
                SimReport report = new SimReportRunner().run(task, bundled(), progressBar(), challengeModels);
                return json ? report.toJson() : report.toText();
            });
            return 0;
        }

        /** With {@code --json}, exactly one document on stdout (see {@link JsonStdout}); text as it comes otherwise. */
        private void print(java.util.concurrent.Callable<String> document) throws Exception {
            if (json) {
                JsonStdout.print(document);
            } else {
                System.out.println(document.call());
            }
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
