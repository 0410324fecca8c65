package io.lethe.app.cli;

import io.lethe.api.CommandResult;
import io.lethe.app.ServiceSettings;
import io.lethe.producer.LetheProducer;
import io.lethe.producer.PersonalRecord;
import io.lethe.producer.ProducerException;
import io.lethe.producer.SubjectKeyClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lethe ingest}: sends personal data from a shell the only safe way, sealed by the producer
 * library under the subject's vault key, the subject named by pseudonym. Exit 0 when accepted; 1 when
 * rejected (the error code is printed); 2 when the ledger or Kafka cannot be reached or the files read.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Seal files client-side under the subject's key and send them as one lethe.IngestRecords.")
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers, HOST:PORT[,...]. "
            + "LETHE_KAFKA_* variables pass client settings (SASL, TLS) through.")
    String kafka;

    @Option(names = "--http", required = true, description = "The ledger's query side, e.g. https://lethe.example.org")
    URI http;

    @Option(names = "--token", required = true, description = "A bearer token with the producer (or admin) role.")
    String token;

    @Option(names = "--dataset", required = true)
    String dataset;

    @Option(names = "--subject", required = true, description = "The data subject's id (never sent to Kafka).")
    String subject;

    @Option(names = "--record", required = true, description = "Record id: once per file, or once for all files "
            + "(then FILE n gets id R-n). Record ids travel in the clear: use opaque ids.")
    List<String> records;

    @Option(names = "--label", required = true, description = "The label of every file (sealed with it).")
    String label;

    @Option(names = "--source", defaultValue = "lethe-cli", description = "The CloudEvent source (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the reply (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() {
        List<PersonalRecord> personal;
        try {
            personal = personalRecords();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("lethe ingest: " + e.getMessage());
            return 2;
        }
        String commandId = LetheProducer.newCommandId();
        try (LetheProducer producer = new LetheProducer(ServiceSettings.kafka(kafka, System.getenv()),
                new SubjectKeyClient(http, token), source)) {
            producer.ingest(commandId, dataset, personal);
            CommandResult reply = producer.awaitReply(commandId, Duration.ofSeconds(timeoutSeconds));
            if (reply.isAccepted()) {
                System.out.println("accepted " + commandId + " (" + personal.size() + " records)");
                return 0;
            }
            System.err.println("rejected " + commandId + " " + reply.errorCode() + ": " + reply.message());
            return 1;
        } catch (ProducerException e) {
            System.err.println("lethe ingest: " + e.getMessage());
            return 2;
        } catch (org.apache.kafka.common.KafkaException e) {
            System.err.println("lethe ingest: Kafka at " + kafka + ": " + e.getMessage());
            return 2;
        }
    }

    private List<PersonalRecord> personalRecords() throws IOException {
        if (records.size() != 1 && records.size() != files.size()) {
            throw new IllegalArgumentException("give --record once per FILE, or once for all of them");
        }
        List<PersonalRecord> personal = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String recordId = records.size() == files.size() ? records.get(i)
                    : files.size() == 1 ? records.get(0) : records.get(0) + "-" + (i + 1);
            personal.add(new PersonalRecord(recordId, subject, label, Files.readAllBytes(files.get(i))));
        }
        return personal;
    }
}
