package io.lethe.sim.scratch;

import io.lethe.api.samples.BundledSamples;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.report.SimReportRunner;

public class ReportScratch {
    public static void main(String[] a) {
        var r = new SimReportRunner().run(a[0], SampleSource.of(BundledSamples::read, BundledSamples::file),
            (label, done, total) -> System.err.println("[" + done + "/" + total + "] " + label + " " + System.currentTimeMillis() % 100000));
        System.out.println(a.length > 1 ? r.toJson() : r.toText());
    }
}
