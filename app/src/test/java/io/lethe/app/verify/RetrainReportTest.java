package io.lethe.app.verify;

import io.lethe.api.commands.Task;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.VersionCause;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.app.verify.RetrainReport.ComponentCheck;
import io.lethe.app.verify.RetrainReport.Outcome;
import io.lethe.app.verify.RetrainReport.VersionCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a failure of {@code verify --retrain}, and what the report says about it. */
class RetrainReportTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static VersionCheck replayed(int version, ComponentCheck... components) {
        return new VersionCheck("m", version, version - 1, VersionCause.LEARN, Outcome.REPLAYED, List.of(components),
                null, 1_000_000);
    }

    @Test
    void versionsWhoseRecordsWereErasedAreListedButDoNotFail() {
        VersionCheck erased = new VersionCheck("m", 2, 1, VersionCause.LEARN, Outcome.NOT_REPLAYABLE, List.of(),
                "records unreadable for branch b1: 10 subject key shredded", 0);
        RetrainReport report = new RetrainReport(List.of(replayed(1, new ComponentCheck("backbone", true, A, A)),
                erased), List.of(), 0);

        assertThat(report.ok()).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(report.summary()).contains("1 of 1 component digests match", "not replayable: 1",
                "m v2: records unreadable for branch b1: 10 subject key shredded", "OK:");
        assertThat(erased.line()).contains("m v2 LEARN from v1", "not replayable: records unreadable");
    }

    @Test
    void aMismatchNamesModelVersionComponentAndBothDigests() {
        RetrainReport report = new RetrainReport(List.of(replayed(3, new ComponentCheck("backbone", false, A, A),
                new ComponentCheck("b1", true, A, B))), List.of(), 0);

        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).containsExactly(
                "MISMATCH model m version 3 component b1: recorded " + A + ", retraining gives " + B);
        assertThat(report.versions().get(0).line()).contains("retrained b1 MISMATCH; carried over backbone match");
    }

    @Test
    void aCarriedOverMismatchBlamesTheStoredBaseStateAndAMissingComponentIsAMismatch() {
        RetrainReport report = new RetrainReport(List.of(replayed(4, new ComponentCheck("b0", false, A, B),
                new ComponentCheck("b9", true, null, B))), List.of(), 0);

        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0)).contains("component b0 (carried over from v3: the workers' stored state"
                + " of v3 is not what this version records)");
        assertThat(report.failures().get(1)).endsWith("component b9: recorded nothing, retraining gives " + B);
    }

    @Test
    void aJobThatNoLongerRunsAndAnUnreadableEventFail() {
        VersionCheck failed = new VersionCheck("m", 2, 1, VersionCause.FORGET, Outcome.REPLAY_FAILED, List.of(),
                "the job now fails: boom", 0);
        RetrainReport report = new RetrainReport(List.of(failed), List.of("event e1 is unreadable"), 0);

        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).containsExactly("event e1 is unreadable",
                "REPLAY FAILED model m version 2: the job now fails: boom");
    }

    @Test
    void onlyUnlearningAndRebaseReadEveryRecordOfTheBase() {
        Component backbone = new Component(Component.BACKBONE_ID, ComponentKind.BACKBONE, 0, 1, List.of("r1"),
                List.of());
        Component unlearning = new Component("u1", ComponentKind.UNLEARNING_BRANCH, 4, 2, List.of("r1"),
                List.of("r1"));

        assertThat(RetrainVerifier.readsWholeBase(job(JobType.LEARN, List.of("b1"), null))).isFalse();
        assertThat(RetrainVerifier.readsWholeBase(job(JobType.FORGET, List.of("b1"),
                new ForgetPlan(Guarantee.EXACT, List.of("r2"), List.of("b1"))))).isFalse();
        assertThat(RetrainVerifier.readsWholeBase(new Job("j", "m", Task.FACE, null, JobType.FORGET, 2, 1,
                List.of(backbone, unlearning), List.of("u1"),
                new ForgetPlan(Guarantee.APPROXIMATE, List.of("r1"), List.of())))).isTrue();
        assertThat(RetrainVerifier.readsWholeBase(job(JobType.FORGET, List.of("backbone"),
                new ForgetPlan(Guarantee.REBASE, List.of("r1"), List.of("backbone"))))).isTrue();
    }

    private static Job job(JobType type, List<String> trained, ForgetPlan plan) {
        return new Job("j", "m", Task.FACE, null, type, 2, 1, List.of(), trained, plan);
    }
}
