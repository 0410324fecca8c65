package io.lethe.command.records;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.commands.IngestRecordsCommand;
import io.lethe.api.commands.RecordSpec;
import io.lethe.api.events.IngestedRecord;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.samples.BundledSamples;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.command.PipelineStages;
import io.lethe.command.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    private final Timer vaultReads;
    private final Timer opening;
    private final Timer vaultWrites;
    private final Timer sealing;
    private final Timer aggregates;

    /** @param meters where a batch's stages are timed ({@link PipelineStages}: vault, open, seal, aggregate) */
    public RecordIngestion(Repository<Ingestion> ingestions, Vault vault, LedgerSecret secret, MeterRegistry meters) {
        this.ingestions = ingestions;
        this.vault = vault;
        this.secret = secret;
        this.vaultReads = PipelineStages.timer(meters, "vault.read");
        this.opening = PipelineStages.timer(meters, "ingest.open");
        this.vaultWrites = PipelineStages.timer(meters, "vault.write");
        this.sealing = PipelineStages.timer(meters, "ingest.seal");
        this.aggregates = PipelineStages.timer(meters, "axon.aggregate");
    }

    @CommandHandler
    public void handle(IngestRecordsCommand command, @MetaDataValue("commandId") String commandId)
            throws Exception {
        List<IngestedRecord> fresh = new ArrayList<>();
        Map<String, byte[]> producerKeys = producerKeysOf(command.records().stream());
        Pseudonyms pseudonyms = new Pseudonyms();
        for (RecordSpec spec : command.records()) {
            Opened opened = open(command.dataset(), spec, producerKeys, pseudonyms);
            if (sealedAsNew(command.dataset(), opened, spec, producerKeys)) {
                fresh.add(opened.record());
            }
        }
        record(commandId == null ? UUID.randomUUID().toString() : commandId, command.dataset(), fresh);
    }

    /**
     * The same rules for several commands at once: every command is validated in memory against what
     * the vault holds (one read), then the keys, the sealed records and the events of all accepted
     * commands are written with a round trip each. A rejected command contributes nothing.
     */
    @CommandHandler
    public List<IngestBatch.Outcome> handle(IngestBatch batch) throws Exception {
        long readStart = System.nanoTime();
        Pseudonyms pseudonyms = new Pseudonyms();
        Map<String, Vault.RecordMeta> known = new HashMap<>(vault.findAll(batch.entries().stream()
                .flatMap(e -> e.command().records().stream())
                .map(spec -> pseudonyms.record(spec.recordId().value())).distinct().toList()));
        Map<String, byte[]> producerKeys = producerKeysOf(batch.entries().stream()
                .flatMap(e -> e.command().records().stream()));
        vaultReads.record(System.nanoTime() - readStart, java.util.concurrent.TimeUnit.NANOSECONDS);
        List<IngestBatch.Outcome> outcomes = new ArrayList<>();
        List<Planned> accepted = new ArrayList<>();
        opening.record(() -> {
            for (IngestBatch.Entry entry : batch.entries()) {
                try {
                    accepted.add(plan(entry, known, producerKeys, pseudonyms));
                    outcomes.add(IngestBatch.Outcome.accepted(entry.commandId()));
                } catch (LetheException e) {
                    outcomes.add(new IngestBatch.Outcome(entry.commandId(), e.errorCode(), e.getMessage()));
                }
            }
        });
        store(accepted, producerKeys);
        long aggregateStart = System.nanoTime();
        for (Planned planned : accepted) {
            record(planned.commandId(), planned.dataset(),
                    planned.fresh().stream().map(NewRecord::record).toList());
        }
        aggregates.record(System.nanoTime() - aggregateStart, java.util.concurrent.TimeUnit.NANOSECONDS);
        return outcomes;
    }

    private record NewRecord(IngestedRecord record, RecordSealing.OpenRecord open) {
    }

    private record Planned(String commandId, String dataset, List<NewRecord> fresh) {
    }

    /** Checks the whole command before anything is written; {@code known} learns its records only if all pass. */
    private Planned plan(IngestBatch.Entry entry, Map<String, Vault.RecordMeta> known,
                         Map<String, byte[]> producerKeys, Pseudonyms pseudonyms) {
        IngestRecordsCommand command = entry.command();
        Map<String, Vault.RecordMeta> added = new HashMap<>();
        List<NewRecord> fresh = new ArrayList<>();
        for (RecordSpec spec : command.records()) {
            Opened opened = open(command.dataset(), spec, producerKeys, pseudonyms);
            IngestedRecord record = opened.record();
            Vault.RecordMeta meta = metaOf(record);
            Vault.RecordMeta existing = added.getOrDefault(record.commitment(), known.get(record.commitment()));
            if (existing == null) {
                added.put(record.commitment(), meta);
                fresh.add(new NewRecord(record, opened.content()));
            } else if (!existing.equals(meta)) {
                throw conflict(spec);
            }
        }
        known.putAll(added);
        return new Planned(entry.commandId(), command.dataset(), fresh);
    }

    /**
     * Seals the new records for the vault and stores them. A sealed record is sealed again under the key that
     * opened it (this transaction read it); only subjects of plaintext records need their key read or created.
     */
    private void store(List<Planned> accepted, Map<String, byte[]> producerKeys) {
        List<Planned> withRecords = accepted.stream().filter(p -> !p.fresh().isEmpty()).toList();
        if (withRecords.isEmpty()) {
            return;
        }
        List<String> withoutKey = withRecords.stream().flatMap(p -> p.fresh().stream())
                .map(r -> r.record().subjectPseudonym()).filter(p -> !producerKeys.containsKey(p)).distinct().toList();
        Map<String, byte[]> keys = new HashMap<>(producerKeys);
        if (!withoutKey.isEmpty()) {
            keys.putAll(vaultWrites.record(() -> vault.subjectKeys(withoutKey)));
        }
        List<Vault.NewRecord> sealed = new ArrayList<>();
        sealing.record(() -> {
            for (Planned planned : withRecords) {
                // Subject by subject: the thread's cipher expands each subject's key once, not once per record.
                for (NewRecord r : bySubject(planned.fresh())) {
                    String commitment = r.record().commitment();
                    sealed.add(new Vault.NewRecord(commitment, planned.dataset(), metaOf(r.record()),
                            RecordSealing.seal(keys.get(r.record().subjectPseudonym()), commitment, r.open())));
                }
            }
        });
        vaultWrites.record(() -> vault.storeAll(sealed));
    }

    private static List<NewRecord> bySubject(List<NewRecord> records) {
        return records.stream().sorted(java.util.Comparator.comparing(r -> r.record().subjectPseudonym())).toList();
    }

    /** One {@link Ingestion} per command that brought new records; its id follows from the command id. */
    private void record(String commandId, String dataset, List<IngestedRecord> fresh) throws Exception {
        if (!fresh.isEmpty()) {
            ingestions.newInstance(() -> new Ingestion(Ingestion.idFor(commandId), dataset, fresh));
        }
    }

    /** A record as the vault will hold it: its commitments and its content in the clear (in memory only). */
    private record Opened(IngestedRecord record, RecordSealing.OpenRecord content) {
    }

    /** The current keys of the subjects whose records arrive sealed by a producer; none is created here. */
    private Map<String, byte[]> producerKeysOf(java.util.stream.Stream<RecordSpec> specs) {
        List<String> pseudonyms = specs.filter(spec -> spec.sealed() != null).map(RecordSpec::subjectPseudonym)
                .distinct().toList();
        return pseudonyms.isEmpty() ? Map.of() : vault.currentKeys(pseudonyms);
    }

    private Opened open(String dataset, RecordSpec spec, Map<String, byte[]> producerKeys, Pseudonyms pseudonyms) {
        String pseudonym = spec.subjectPseudonym() != null ? spec.subjectPseudonym()
                : pseudonyms.subject(spec.subjectId().value());
        RecordSealing.OpenRecord content = spec.sealed() != null ? unseal(spec, producerKeys.get(pseudonym))
                : new RecordSealing.OpenRecord(spec.label(), payloadOf(spec));
        return new Opened(new IngestedRecord(pseudonyms.record(spec.recordId().value()), pseudonym,
                pseudonyms.label(dataset, content.label())), content);
    }

    /**
     * The HMACs of one handling, each computed once: a batch asks for a record's commitment twice (to read the
     * vault, then for the event) and for the same few labels and subjects over and over.
     */
    private final class Pseudonyms {
        private final Map<String, String> records = new HashMap<>();
        private final Map<String, String> subjects = new HashMap<>();
        private final Map<String, Map<String, String>> labelsByDataset = new HashMap<>();

        String record(String recordId) {
            return records.computeIfAbsent(recordId, secret::recordCommitment);
        }

        String subject(String subjectId) {
            return subjects.computeIfAbsent(subjectId, secret::subjectPseudonym);
        }

        String label(String dataset, String label) {
            return labelsByDataset.computeIfAbsent(dataset, d -> new HashMap<>())
                    .computeIfAbsent(label, l -> secret.labelPseudonym(dataset, l));
        }
    }

    /** Opens a producer's seal with the subject's current key, then checks what it held like any record. */
    private static RecordSealing.OpenRecord unseal(RecordSpec spec, byte[] key) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(spec.sealed());
        } catch (IllegalArgumentException e) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "record " + spec.recordId() + ": sealed is not base64");
        }
        if (key == null) {
            throw new LetheException(ErrorCode.UNKNOWN_SUBJECT_KEY, "record " + spec.recordId() + ": the subject has"
                    + " no key (none was issued, or an erasure shredded it); ask the ledger for its key and seal again");
        }
        RecordSealing.OpenRecord content = ProducerSeal.open(key, spec.recordId().value(), spec.subjectPseudonym(),
                sealed).orElseThrow(() -> new LetheException(ErrorCode.INVALID_SEAL, "record " + spec.recordId()
                + ": the seal does not open under the subject's current key for this record"));
        if (content.label().isBlank() || content.label().length() > 64 || content.label().indexOf(0) >= 0) {
            throw new LetheException(ErrorCode.INVALID_FIELD,
                    "record " + spec.recordId() + ": the sealed label must be 1..64 characters, without U+0000");
        }
        requireSize(spec, content.payload());
        return content;
    }

    private static Vault.RecordMeta metaOf(IngestedRecord record) {
        return new Vault.RecordMeta(record.subjectPseudonym(), record.labelPseudonym());
    }

    private static LetheException conflict(RecordSpec spec) {
        return new LetheException(ErrorCode.RECORD_CONFLICT,
                "record " + spec.recordId() + " was ingested before with another subject or label");
    }

    /**
     * Seals and stores the record, under the key that opened the producer's seal if it came sealed; false when
     * it was ingested before (identically, else a conflict).
     */
    private boolean sealedAsNew(String dataset, Opened opened, RecordSpec spec, Map<String, byte[]> producerKeys) {
        IngestedRecord record = opened.record();
        byte[] opener = producerKeys.get(record.subjectPseudonym());
        byte[] key = opener != null ? opener : vault.subjectKey(record.subjectPseudonym());
        Vault.RecordMeta meta = metaOf(record);
        if (vault.storeIfAbsent(record.commitment(), dataset, meta,
                RecordSealing.seal(key, record.commitment(), opened.content()))) {
            return true;
        }
        if (!vault.find(record.commitment()).map(meta::equals).orElse(false)) {
            throw conflict(spec);
        }
        return false;
    }

    private static byte[] payloadOf(RecordSpec spec) {
        byte[] payload = spec.payload() != null ? decode(spec) : BundledSamples.read(spec.source()).orElseThrow(
                () -> new LetheException(ErrorCode.UNKNOWN_SAMPLE,
                        "record " + spec.recordId() + ": no bundled sample named '" + spec.source() + "'"));
        requireSize(spec, payload);
        return payload;
    }

    private static void requireSize(RecordSpec spec, byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new LetheException(payload.length == 0 ? ErrorCode.INVALID_FIELD : ErrorCode.OVERSIZE,
                    "record " + spec.recordId() + ": payload must have 1.." + MAX_PAYLOAD_BYTES + " bytes, has "
                            + payload.length);
        }
    }

    private static byte[] decode(RecordSpec spec) {
        try {
            return Base64.getDecoder().decode(spec.payload());
        } catch (IllegalArgumentException e) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "record " + spec.recordId() + ": payload is not base64");
        }
    }
}
