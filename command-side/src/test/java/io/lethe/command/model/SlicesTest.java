package io.lethe.command.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlicesTest {

    /** {@code subjects} subjects with {@code each} records; commitments are made-up but distinct. */
    private static Map<String, String> records(int subjects, int each) {
        Map<String, String> subjectOf = new HashMap<>();
        for (int s = 0; s < subjects; s++) {
            for (int r = 0; r < each; r++) {
                subjectOf.put(String.format("%02d%02d", s, r), "subject-" + s);
            }
        }
        return subjectOf;
    }

    @Test
    void everySubjectLandsInExactlyOneSliceAndNothingIsLost() {
        Map<String, String> subjectOf = records(10, 10);
        List<List<String>> slices = Slices.bySubject(new ArrayList<>(subjectOf.keySet()), subjectOf, 4);

        assertThat(slices).hasSize(4);
        assertThat(slices.stream().mapToInt(List::size).sum()).isEqualTo(100);
        for (List<String> slice : slices) {
            for (List<String> other : slices) {
                if (slice != other) {
                    assertThat(slice.stream().map(subjectOf::get))
                            .doesNotContainAnyElementsOf(other.stream().map(subjectOf::get).toList());
                }
            }
        }
        assertThat(slices).allSatisfy(slice -> assertThat(slice.size()).isBetween(20, 30));
    }

    @Test
    void moreSlicesThanSubjectsGivesOneSlicePerSubject() {
        Map<String, String> subjectOf = records(3, 5);
        assertThat(Slices.bySubject(new ArrayList<>(subjectOf.keySet()), subjectOf, 8)).hasSize(3);
    }
}
