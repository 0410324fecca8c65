package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.List;

/** Which ingested records a training command uses: a dataset narrowed by subjects, labels or record ids. */
public record Selector(String dataset, List<String> subjects, List<String> labels, List<String> recordIds) {

    public Selector {
        Require.text("selector.dataset", dataset, 64);
        subjects = Require.optionalList(subjects);
        labels = Require.optionalList(labels);
        recordIds = Require.optionalList(recordIds);
    }

    /** A selector that names nothing but a dataset would take everything; training commands forbid it. */
    public Selector requireNarrowed() {
        if (subjects.isEmpty() && labels.isEmpty() && recordIds.isEmpty()) {
            throw new LetheException(ErrorCode.EMPTY_SELECTOR,
                    "selector must name subjects, labels or recordIds");
        }
        return this;
    }
}
