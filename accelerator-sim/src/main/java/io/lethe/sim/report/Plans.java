package io.lethe.sim.report;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.data.SampleSource;
import io.lethe.sim.data.SimRecord;
import io.lethe.sim.model.BranchObjective;
import io.lethe.sim.nn.Hyperparameters;
import io.lethe.sim.workload.DigitStyles;
import io.lethe.sim.workload.FaceTask;
import io.lethe.sim.workload.ImageTask;
import io.lethe.sim.workload.SpeakerTask;
import java.util.List;
import java.util.stream.IntStream;

/** The CI-sized plan of each task (each report must finish within 60 s on 2 shared cores). */
public final class Plans {

    private Plans() {
    }

    /** The plan for {@code task}; an unknown task fails naming the field {@code task}. */
    public static WorkloadPlan forTask(String task, SampleSource source) {
        return switch (task == null ? "" : task) {
            case "face" -> face(source);
            case "speaker" -> speaker(source);
            case "image" -> image(source);
            default -> throw new SimConfigException("task", "unknown task '" + task + "' (face, speaker, image)");
        };
    }

    /**
     * Face: ORL subjects s1..s20 in the backbone, s21..s40 adapted; images 1-7 train, 8-10 held out. EXACT forgets
     * the group s31..s40, so its membership-inference attack sees 70 members and 30 non-members (one subject gave 7
     * and 3: noise). APPROXIMATE/REBASE forget s2 alone (paper: weighted ascent, -0.5): over a group of 3 to 8
     * subjects the ascent cost 1.4 to 8 points of retained accuracy (measured, README "Unlearning quality").
     */
    static WorkloadPlan face(SampleSource source) {
        List<Integer> base = range(1, 20);
        List<Integer> fresh = range(21, 40);
        List<Integer> train = range(1, 7);
        List<Integer> test = range(8, 10);
        return new WorkloadPlan(new FaceTask(), names("s", base), names("s", fresh),
                FaceTask.records(source, base, train), FaceTask.records(source, base, test),
                FaceTask.records(source, fresh, train), FaceTask.records(source, fresh, test),
                List.of("s2"), names("s", range(31, 40)), BranchObjective.WEIGHTED_ASCENT, 8, 6,
                new Hyperparameters(16, 0.01, 512, 4),
                "ORL 16x16, MLP 256-128-classes, 20 base + 20 adapted subjects, 7 train / 3 held-out images each; "
                        + "EXACT forgets 10 subjects (70 member / 30 non-member records for the MIA)");
    }

    /**
     * Speaker: FSDD george, jackson, lucas, nicolas in the backbone; theo and yweweler adapted; takes 0-6
     * train, 7-9 held out, all ten digits. APPROXIMATE/REBASE forget jackson (paper: random relabelling);
     * EXACT forgets yweweler.
     */
    static WorkloadPlan speaker(SampleSource source) {
        List<String> base = List.of("george", "jackson", "lucas", "nicolas");
        List<String> fresh = List.of("theo", "yweweler");
        List<Integer> digits = range(0, 9);
        List<Integer> train = range(0, 6);
        List<Integer> test = range(7, 9);
        List<SimRecord> baseTrain = SpeakerTask.records(source, base, digits, train);
        return new WorkloadPlan(new SpeakerTask(), base, fresh, baseTrain,
                SpeakerTask.records(source, base, digits, test), SpeakerTask.records(source, fresh, digits, train),
                SpeakerTask.records(source, fresh, digits, test), List.of("jackson"), List.of("yweweler"),
                BranchObjective.RANDOM_RELABEL, 8, 8, new Hyperparameters(10, 0.01, 64, 16),
                "FSDD 140 log-mel/MFCC statistics, MLP 140-256-speakers, 4 base + 2 adapted speakers, takes 0-6 train / 7-9 held out");
    }

    /**
     * Image: owners plain, bold, italic, inverted in the backbone, checker adapted; 100 training rows and
     * 30 held-out rows per owner. APPROXIMATE/REBASE forget "bold" (paper: random targets); EXACT forgets
     * "checker".
     */
    static WorkloadPlan image(SampleSource source) {
        List<String> base = DigitStyles.OWNERS.subList(0, 4);
        List<String> fresh = DigitStyles.OWNERS.subList(4, 5);
        return new WorkloadPlan(new ImageTask(source), base, fresh,
                ImageTask.records(source, "tra", base, 100), ImageTask.records(source, "tes", base, 30),
                ImageTask.records(source, "tra", fresh, 100), ImageTask.records(source, "tes", fresh, 30),
                List.of("bold"), List.of("checker"), BranchObjective.RANDOM_TARGET, 8, 8, new Hyperparameters(10, 0.01, 64, 16),
                "optdigits 8x8 in 5 owner styles, conditional denoising MLP 83-128-64, 4 base + 1 adapted owner, "
                        + "100 train / 30 held-out rows per owner");
    }

    static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<String> names(String prefix, List<Integer> ids) {
        return ids.stream().map(i -> prefix + i).toList();
    }
}
