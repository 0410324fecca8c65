package io.lethe.command.records;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.IngestRecordsCommand;
import io.lethe.api.commands.RecordSpec;
import io.lethe.api.events.IngestedRecord;
import io.lethe.api.ledger.LedgerSecret;
import io.lethe.api.samples.BundledSamples;
import io.lethe.api.vault.RecordSealing;
import io.lethe.command.vault.Vault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Handles {@code lethe.IngestRecords}: seals each record into the vault under its subject's key and
 * records its commitment in the dataset's aggregate, in one transaction. Re-ingesting an identical
 * record changes nothing; the same record id with another subject or label is a conflict.
 */
public final class RecordIngestion {

    /** Largest payload accepted per record (a 92x112 PGM is 10 KB; an FSDD clip about 10 KB). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private final Repository<Dataset> datasets;
    private final Vault vault;
    private final LedgerSecret secret;

    public RecordIngestion(Repository<Dataset> datasets, Vault vault, LedgerSecret secret) {
        this.datasets = datasets;
        this.vault = vault;
        this.secret = secret;
    }

    @CommandHandler
    public void handle(IngestRecordsCommand command) throws Exception {
        List<IngestedRecord> fresh = new ArrayList<>();
        for (RecordSpec spec : command.records()) {
            IngestedRecord record = new IngestedRecord(secret.recordCommitment(spec.recordId().value()),
                    secret.subjectPseudonym(spec.subjectId().value()),
                    secret.labelPseudonym(command.dataset(), spec.label()));
            if (isNew(record, spec)) {
                seal(command.dataset(), record, spec);
                fresh.add(record);
            }
        }
        if (!fresh.isEmpty()) {
            datasets.loadOrCreate(command.dataset(), Dataset::new)
                    .execute(dataset -> dataset.register(command.dataset(), fresh));
        }
    }

    private boolean isNew(IngestedRecord record, RecordSpec spec) {
        return vault.find(record.commitment()).map(existing -> {
            if (!existing.subjectPseudonym().equals(record.subjectPseudonym())
                    || !existing.labelPseudonym().equals(record.labelPseudonym())) {
                throw new LetheException(ErrorCode.RECORD_CONFLICT,
                        "record " + spec.recordId() + " was ingested before with another subject or label");
            }
            return false;
        }).orElse(true);
    }

    private void seal(String dataset, IngestedRecord record, RecordSpec spec) {
        byte[] payload = payloadOf(spec);
        byte[] key = vault.subjectKey(record.subjectPseudonym());
        vault.store(record.commitment(), dataset,
                new Vault.RecordMeta(record.subjectPseudonym(), record.labelPseudonym()),
                RecordSealing.seal(key, record.commitment(), new RecordSealing.OpenRecord(spec.label(), payload)));
    }

    private static byte[] payloadOf(RecordSpec spec) {
        byte[] payload = spec.payload() != null ? decode(spec) : BundledSamples.read(spec.source()).orElseThrow(
                () -> new LetheException(ErrorCode.UNKNOWN_SAMPLE,
                        "record " + spec.recordId() + ": no bundled sample named '" + spec.source() + "'"));
        if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new LetheException(payload.length == 0 ? ErrorCode.INVALID_FIELD : ErrorCode.OVERSIZE,
                    "record " + spec.recordId() + ": payload must have 1.." + MAX_PAYLOAD_BYTES + " bytes, has "
                            + payload.length);
        }
        return payload;
    }

    private static byte[] decode(RecordSpec spec) {
        try {
            return Base64.getDecoder().decode(spec.payload());
        } catch (IllegalArgumentException e) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "record " + spec.recordId() + ": payload is not base64");
        }
    }
}
