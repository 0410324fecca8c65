package io.lethe.sim.tools;

import io.lethe.sim.TestData;
import io.lethe.sim.report.SimReport;
import io.lethe.sim.report.SimReportRunner;

/**
 * Developer entry point until the app module wires {@code lethe sim report}: runs a report on the bundled
 * data. {@code java -cp <test classpath> io.lethe.sim.tools.SimReportCli face|speaker|image [--json]}.
 */
public final class SimReportCli {

    private SimReportCli() {
    }

    public static void main(String[] args) {
        SimReport report = new SimReportRunner().run(args[0], TestData.bundled(),
                (label, done, total) -> System.err.printf("[%d/%d] %s%n", done, total, label));
        System.out.println(args.length > 1 && args[1].equals("--json") ? report.toJson() : report.toText());
    }
}
