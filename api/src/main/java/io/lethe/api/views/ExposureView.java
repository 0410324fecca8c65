package io.lethe.api.views;

import java.util.List;

/**
 * {@code GET /api/subjects/{subjectId}/exposure}: every model version that saw any record of the
 * subject, each record with its inclusion proof against the version's lineage root.
 */
public record ExposureView(String subjectPseudonym, int recordCount, List<ExposedVersion> versions) {

    /** One version that saw the subject. */
    public record ExposedVersion(String modelId, int version, boolean deployed, String lineageRoot,
                                 List<MembershipView> records) {
    }
}
