package io.lethe.app.bench;

import io.lethe.api.Topics;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.crypto.vault.ProducerSeal;
import io.lethe.crypto.vault.RecordSealing;
import io.lethe.app.StructuredCloudEvents;
import io.lethe.producer.SubjectKey;
import io.lethe.producer.SubjectKeyClient;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code IngestRecords} commands for a benchmark run, each record sealed as the producer library seals it
 * (before any timing starts): the path personal data takes. A run has its own dataset, command ids and
 * 100 subjects, so runs never meet in the idempotency table or the vault.
 */
final class BenchCommands {

    static final int PAYLOAD_BYTES = 64;
    private static final int SUBJECTS = 100;

    /**
     * One run's commands.
     *
     * @param ids         the command ids, in send order
     * @param commitments per command, the commitments of its records (what the projection will show)
     */
    record Run(String dataset, List<String> ids, List<ProducerRecord<String, byte[]>> records,
               List<List<String>> commitments) {

        int recordCount() {
            return commitments.stream().mapToInt(List::size).sum();
        }
    }

    private BenchCommands() {
    }

    /** {@code commands} ingests of {@code recordsPerCommand} records each. */
    static Run of(SubjectKeyClient keys, LedgerSecret secret, int commands, int recordsPerCommand) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "bench-" + run;
        List<String> ids = new ArrayList<>(commands);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(commands);
        List<List<String>> commitments = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) {
            String id = dataset + "-" + i;
            StringBuilder specs = new StringBuilder();
            List<String> ofCommand = new ArrayList<>(recordsPerCommand);
            for (int j = 0; j < recordsPerCommand; j++) {
                String recordId = recordsPerCommand == 1 ? id : id + "-" + j;
                int n = i * recordsPerCommand + j;
                specs.append(j == 0 ? "" : ",").append(spec(keys.keyOf("subject-" + (n % SUBJECTS) + "-" + run),
                        recordId, n));
                ofCommand.add(secret.recordCommitment(recordId));
            }
            ids.add(id);
            commitments.add(ofCommand);
            records.add(StructuredCloudEvents.record(Topics.COMMANDS, "bench", ("{\"specversion\":\"1.0\",\"id\":\""
                    + id + "\",\"source\":\"bench\",\"type\":\"lethe.IngestRecords\",\"data\":{\"dataset\":\""
                    + dataset + "\",\"records\":[" + specs + "]}}").getBytes(StandardCharsets.UTF_8)));
        }
        return new Run(dataset, ids, records, commitments);
    }

    private static String spec(SubjectKey key, String recordId, int n) {
        byte[] payload = ("bench-" + n + "-").repeat(8).substring(0, PAYLOAD_BYTES).getBytes(StandardCharsets.US_ASCII);
        String sealed = Base64.getEncoder().encodeToString(ProducerSeal.seal(key.key(), recordId,
                key.subjectPseudonym(), new RecordSealing.OpenRecord("l" + (n % 10), payload)));
        return "{\"recordId\":\"" + recordId + "\",\"subjectPseudonym\":\"" + key.subjectPseudonym()
                + "\",\"sealed\":\"" + sealed + "\"}";
    }
}
