package io.lethe.command.records;

import io.lethe.api.commands.Selector;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;

import java.util.List;
import java.util.Map;

/**
 * Which ingested records a selector or a forget names, as sorted commitments. Backed by the vault's
 * metadata (commitment, subject and label pseudonyms), read in the command's own transaction.
 */
public interface RecordRegistry {

    /** The commitments of the dataset's records matching every given criterion, sorted. */
    Selection select(Selector selector);

    /** The commitments a forget names: all of a subject's records and/or the given record ids. */
    Selection forgetTargets(SubjectId subjectId, List<RecordId> recordIds);

    /** All records of a subject known only by pseudonym (an erasure never handles the raw id again). */
    Selection recordsOfPseudonym(String subjectPseudonym);

    /**
     * @param commitments      the matching records' commitments, in lineage order
     * @param unknownRecordIds record ids named explicitly that were never ingested
     * @param subjectOf        each matching commitment's subject pseudonym, so slices can keep a subject whole
     */
    record Selection(List<String> commitments, List<String> unknownRecordIds, Map<String, String> subjectOf) {

        public Selection {
            commitments = List.copyOf(commitments);
            unknownRecordIds = List.copyOf(unknownRecordIds);
            subjectOf = Map.copyOf(subjectOf);
        }

        /** The records either selection names, in lineage order. */
        public Selection union(Selection other) {
            Map<String, String> subjects = new java.util.HashMap<>(subjectOf);
            subjects.putAll(other.subjectOf);
            List<String> unknown = java.util.stream.Stream.concat(unknownRecordIds.stream(),
                    other.unknownRecordIds.stream()).distinct().sorted().toList();
            return new Selection(io.lethe.verifier.Lineage.sorted(subjects.keySet()), unknown, subjects);
        }
    }
}
