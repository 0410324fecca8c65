package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.List;

/**
 * Which ingested records a training command uses: a dataset narrowed by subjects (raw ids, or
 * pseudonyms as the producer library sends them, so no raw subject id travels on Kafka), labels or
 * record ids.
 */
public record Selector(String dataset, List<String> subjects, List<String> subjectPseudonyms, List<String> labels,
                       List<String> recordIds) {

    public Selector {
        Require.text("selector.dataset", dataset, 64);
        subjects = Require.optionalList(subjects);
        subjectPseudonyms = Require.optionalList(subjectPseudonyms);
        subjectPseudonyms.forEach(p -> Require.pseudonym("selector.subjectPseudonyms", p));
        labels = Require.optionalList(labels);
        recordIds = Require.optionalList(recordIds);
    }

    /** A selector naming subjects by raw id. */
    public Selector(String dataset, List<String> subjects, List<String> labels, List<String> recordIds) {
        this(dataset, subjects, null, labels, recordIds);
    }

    /** A selector that names nothing but a dataset would take everything; training commands forbid it. */
    public Selector requireNarrowed() {
        if (subjects.isEmpty() && subjectPseudonyms.isEmpty() && labels.isEmpty() && recordIds.isEmpty()) {
            throw new LetheException(ErrorCode.EMPTY_SELECTOR,
                    "selector must name subjects, subjectPseudonyms, labels or recordIds");
        }
        return this;
    }
}
