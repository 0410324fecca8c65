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
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Handles {@code lethe.IngestRecords}: seals each record into the vault under its subject's key and
 * records the commitments in an {@link Ingestion} aggregate, in one transaction. Re-ingesting an identical
 * record changes nothing; the same record id with another subject or label is a conflict.
 */
public final class RecordIngestion {

    /** Largest payload accepted per record (a 92x112 PGM is 10 KB; an FSDD clip about 10 KB). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private final Repository<Ingestion> ingestions;
    private final Vault vault;
    private final LedgerSecret secret;

    public RecordIngestion(Repository<Ingestion> ingestions, Vault vault, LedgerSecret secret) {
        this.ingestions = ingestions;
        this.vault = vault;
        this.secret = secret;
    }

    @CommandHandler
    public void handle(IngestRecordsCommand command, @MetaDataValue("commandId") String commandId)
            throws Exception {
        List<IngestedRecord> fresh = new ArrayList<>();
        for (RecordSpec spec : command.records()) {
            IngestedRecord record = new IngestedRecord(secret.recordCommitment(spec.recordId().value()),
                    secret.subjectPseudonym(spec.subjectId().value()),
                    secret.labelPseudonym(command.dataset(), spec.label()));
            if (sealedAsNew(command.dataset(), record, spec)) {
                fresh.add(record);
            }
        }
        if (!fresh.isEmpty()) {
            String id = Ingestion.idFor(commandId == null ? java.util.UUID.randomUUID().toString() : commandId);
            ingestions.newInstance(() -> new Ingestion(id, command.dataset(), fresh));
        }
    }

    /** Seals and stores the record; false when it was ingested before (identically, else a conflict). */
    private boolean sealedAsNew(String dataset, IngestedRecord record, RecordSpec spec) {
        byte[] payload = payloadOf(spec);
        byte[] key = vault.subjectKey(record.subjectPseudonym());
        Vault.RecordMeta meta = new Vault.RecordMeta(record.subjectPseudonym(), record.labelPseudonym());
        if (vault.storeIfAbsent(record.commitment(), dataset, meta,
                RecordSealing.seal(key, record.commitment(), new RecordSealing.OpenRecord(spec.label(), payload)))) {
            return true;
        }
        if (!vault.find(record.commitment()).map(meta::equals).orElse(false)) {
            throw new LetheException(ErrorCode.RECORD_CONFLICT,
                    "record " + spec.recordId() + " was ingested before with another subject or label");
        }
        return false;
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
