package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.commands.CompleteJobCommand;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import io.lethe.worker.Worker;
import io.lethe.worker.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker on real Kafka and PostgreSQL: sealed ORL faces in the vault, jobs on lethe.jobs as the
 * command side publishes them (backbone, LEARN with two slices, EXACT forget of one subject), results
 * read from lethe.commands. The same jobs for a second model give the same digests.
 */
@ExtendWith(LetheInfrastructureExtension.class)
class WorkerIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void jobsFlowFromKafkaToResultsWithDeterministicDigests(Infrastructure infrastructure) throws Exception {
        try (HikariDataSource db = WorkerFixture.migratedDatabase(infrastructure);
             KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
             Worker worker = Worker.start(new WorkerSettings(
                     Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()), db, "it-" + run))) {
            List<String> backbone = WorkerFixture.sealFaces(db, run, 1, 4, 5);
            List<String> s5 = WorkerFixture.sealFaces(db, run, 5, 5, 5);
            List<String> s6 = WorkerFixture.sealFaces(db, run, 6, 6, 5);
            List<String> s7 = WorkerFixture.sealFaces(db, run, 7, 7, 5);
            List<String> b2 = new ArrayList<>(s6);
            b2.addAll(s7);
            List<Job> jobs = new ArrayList<>(jobsFor("a-" + run, backbone, s5, b2, s6));
            jobs.addAll(jobsFor("b-" + run, backbone, s5, b2, s6));
            for (Job job : jobs) {
                WorkerFixture.publish(kafka, job);
            }

            List<CloudEvent> results = WorkerFixture.results(kafka.readUntil(Topics.COMMANDS,
                    read -> WorkerFixture.results(read, id -> id.contains(run)).size() >= 6, Duration.ofMinutes(3)),
                    id -> id.contains(run));

            assertThat(results).hasSize(6).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo("lethe-worker");
                assertThat(e.id()).isEqualTo(CompleteJobCommand.commandIdFor(e.data().get("jobId").asText()));
                assertThat(e.data().get("status").asText()).as(e.data().toString()).isEqualTo("completed");
            });
            for (int v = 1; v <= 3; v++) {
                assertThat(WorkerFixture.digests(result(results, "a-" + run, v)))
                        .isEqualTo(WorkerFixture.digests(result(results, "b-" + run, v)));
            }
            Map<String, String> before = WorkerFixture.digests(result(results, "a-" + run, 2));
            Map<String, String> after = WorkerFixture.digests(result(results, "a-" + run, 3));
            assertThat(after.get("backbone")).isEqualTo(before.get("backbone"));
            assertThat(after.get("b1")).isEqualTo(before.get("b1"));
            assertThat(after.get("b2")).isNotEqualTo(before.get("b2"));
            assertThat(result(results, "a-" + run, 3).at("/metrics/branchesRetrained").asDouble()).isEqualTo(1.0);
        }
    }

    /** Values that are not jobs, between good jobs on one partition: dead-lettered at once, the jobs run. */
    @Test
    void aPoisonJobIsDeadLetteredAndTheJobsAroundItComplete(Infrastructure infrastructure) throws Exception {
        String model = "p-" + run;
        try (HikariDataSource db = WorkerFixture.migratedDatabase(infrastructure);
             KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
             Worker worker = Worker.start(new WorkerSettings(
                     Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()), db, "poison-" + run))) {
            List<String> backbone = WorkerFixture.sealFaces(db, run, 1, 2, 3);
            Job good = WorkerFixture.job(model, JobType.TRAIN_BACKBONE, 1, List.of(WorkerFixture.backbone(backbone)),
                    List.of("backbone"), null);
            kafka.send(Topics.JOBS, model, "not a job at all".getBytes(StandardCharsets.UTF_8));
            WorkerFixture.publish(kafka, good);
            kafka.send(Topics.JOBS, model, ("{\"jobId\":\"" + "x".repeat(300) + "\",\"modelId\":\"" + model + "\"}")
                    .getBytes(StandardCharsets.UTF_8));

            var dead = kafka.readUntil(Topics.JOBS_DLQ, read -> read.stream().filter(r -> model.equals(r.key())).count()
                    >= 2, Duration.ofMinutes(2)).stream().filter(r -> model.equals(r.key())).toList();
            assertThat(dead).hasSize(2).allSatisfy(r -> assertThat(new String(
                    r.headers().lastHeader(Topics.DLQ_ERROR_CODE_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("NOT_A_JOB"));
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a job at all");
            List<CloudEvent> results = WorkerFixture.results(kafka.readUntil(Topics.COMMANDS,
                    read -> !WorkerFixture.results(read, id -> id.startsWith(model)).isEmpty(), Duration.ofMinutes(3)),
                    id -> id.startsWith(model));
            assertThat(results.get(0).data().get("status").asText()).isEqualTo("completed");
            assertThat(worker.isAlive()).as("the worker goes on").isTrue();
        }
    }

    private static List<Job> jobsFor(String model, List<String> backboneRecords, List<String> s5, List<String> b2,
                                     List<String> s6) {
        Component backbone = WorkerFixture.backbone(backboneRecords);
        Component first = WorkerFixture.branch("b1", 11, s5);
        Component second = WorkerFixture.branch("b2", 12, b2);
        Component secondWithoutS6 = WorkerFixture.branch("b2", 12, b2.stream().filter(c -> !s6.contains(c)).toList());
        return List.of(
                WorkerFixture.job(model, JobType.TRAIN_BACKBONE, 1, List.of(backbone), List.of("backbone"), null),
                WorkerFixture.job(model, JobType.LEARN, 2, List.of(backbone, first, second), List.of("b1", "b2"), null),
                WorkerFixture.exactForget(model, 3, s6, List.of(backbone, first, secondWithoutS6), List.of("b2")));
    }

    private static JsonNode result(List<CloudEvent> results, String model, int version) {
        return results.stream().filter(e -> e.data().get("jobId").asText().equals(model + ":v" + version))
                .findFirst().orElseThrow().data();
    }
}
