package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;

/** One record of an ingest: either inline base64 {@code payload} or a bundled {@code source}, not both. */
public record RecordSpec(RecordId recordId, SubjectId subjectId, String label, String payload, String source) {

    public RecordSpec {
        Require.present("recordId", recordId);
        Require.present("subjectId", subjectId);
        Require.text("label", label, 64);
        if ((payload == null) == (source == null)) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "record " + recordId + " needs exactly one of payload or source");
        }
    }
}
