package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code lethe.IngestRecords}: records of one dataset enter the vault; their ids become commitments. */
public record IngestRecordsCommand(String dataset, List<RecordSpec> records) implements Command {

    public static final int MAX_RECORDS = 1_000;

    public IngestRecordsCommand {
        Require.text("dataset", dataset, 64);
        records = Require.nonEmpty("records", records);
        if (records.size() > MAX_RECORDS) {
            throw new LetheException(ErrorCode.OVERSIZE,
                    "at most " + MAX_RECORDS + " records per ingest, got " + records.size());
        }
        requireDistinctIds(records);
    }

    @Override
    public String routingKey() {
        return dataset;
    }

    private static void requireDistinctIds(List<RecordSpec> records) {
        Set<String> seen = new HashSet<>();
        for (RecordSpec record : records) {
            if (!seen.add(record.recordId().value())) {
                throw new LetheException(ErrorCode.INVALID_FIELD, "duplicate recordId " + record.recordId());
            }
        }
    }
}
