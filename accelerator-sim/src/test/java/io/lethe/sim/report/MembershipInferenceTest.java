package io.lethe.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembershipInferenceTest {

    @Test
    void aucCountsMembersWithLowerLossAndTiesAsHalf() {
        assertThat(MembershipInference.auc(List.of(0.1, 0.2), List.of(0.3, 0.4))).isEqualTo(1.0);
        assertThat(MembershipInference.auc(List.of(0.5), List.of(0.5))).isEqualTo(0.5);
    }

    @Test
    void fewRecordsGiveAWideIntervalAndManyANarrowOne() {
        MembershipInference.Estimate few = MembershipInference.estimate(List.of(0.1, 0.5, 0.9, 0.3, 0.7, 0.2, 0.6),
                List.of(0.4, 0.8, 0.35), 7);
        List<Double> members = IntStream.range(0, 400).mapToObj(i -> (i * 37 % 400) / 400.0).toList();
        List<Double> nonMembers = IntStream.range(0, 400).mapToObj(i -> (i * 53 % 400) / 400.0 + 0.001).toList();
        MembershipInference.Estimate many = MembershipInference.estimate(members, nonMembers, 7);

        assertThat(few.ciHigh() - few.ciLow()).isGreaterThan(0.4);
        assertThat(many.ciHigh() - many.ciLow()).isLessThan(0.1);
        assertThat(many.ciLow()).isLessThanOrEqualTo(many.auc()).isLessThanOrEqualTo(many.ciHigh());
        assertThat(few.members()).isEqualTo(7);
        assertThat(few.nonMembers()).isEqualTo(3);
    }

    @Test
    void theIntervalIsSeeded() {
        List<Double> m = List.of(0.1, 0.5, 0.9);
        List<Double> n = List.of(0.4, 0.8);
        assertThat(MembershipInference.estimate(m, n, 3)).isEqualTo(MembershipInference.estimate(m, n, 3));
    }
}
