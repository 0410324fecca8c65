package io.lethe.app.it;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.api.Topics;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker process killed with SIGKILL in the middle of a long job (a backbone on all 400 ORL faces):
 * after a restart the job is redone and every job completes exactly once — one stored run per job, one
 * set of components per version, results whose command ids make repeats harmless at the command side.
 */
@ExtendWith(LetheInfrastructureExtension.class)
class WorkerKillIT {

    private static final Duration START = Duration.ofMinutes(2);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "kill-" + run;

    @Test
    void aJobInterruptedBySigkillCompletesExactlyOnceAfterARestart(Infrastructure infrastructure) throws Exception {
        try (HikariDataSource db = WorkerFixture.migratedDatabase(infrastructure);
             KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers())) {
            Component backbone = WorkerFixture.backbone(WorkerFixture.sealFaces(db, run, 1, 38, 10));
            Component branch = WorkerFixture.branch("b1", 11, WorkerFixture.sealFaces(db, run, 39, 40, 10));
            Job train = WorkerFixture.job(model, JobType.TRAIN_BACKBONE, 1, List.of(backbone), List.of("backbone"),
                    null);
            Job learn = WorkerFixture.job(model, JobType.LEARN, 2, List.of(backbone, branch), List.of("b1"), null);

            try (LetheCliProcess first = LetheCliProcess.start(infrastructure,
                    Map.of("LETHE_WORKER_ID", "kill-it-" + run), "service", "worker")) {
                first.awaitLine("ready service=worker", START);
                WorkerFixture.publish(kafka, train);
                WorkerFixture.publish(kafka, learn);
                first.awaitLine("job " + train.jobId() + " (TRAIN_BACKBONE", START);
                Thread.sleep(1500);
                first.kill();
                assertThat(first.output()).doesNotContain("job " + train.jobId() + " (TRAIN_BACKBONE of model "
                        + model + " -> v1) completed");
            }
            assertThat(WorkerFixture.count(db, "SELECT count(*) FROM worker.job_runs WHERE model_id = ?", model))
                    .as("nothing stored for the interrupted job").isZero();

            try (LetheCliProcess second = LetheCliProcess.start(infrastructure,
                    Map.of("LETHE_WORKER_ID", "kill-it-" + run + "-restarted"), "service", "worker")) {
                second.awaitLine("ready service=worker", START);
                List<CloudEvent> results = WorkerFixture.results(kafka.readUntil(Topics.COMMANDS,
                        read -> WorkerFixture.results(read, id -> id.startsWith(model)).size() >= 2,
                        Duration.ofMinutes(4)), id -> id.startsWith(model));

                Map<String, List<CloudEvent>> byJob = results.stream()
                        .collect(Collectors.groupingBy(e -> e.data().get("jobId").asText()));
                assertThat(byJob.keySet()).as(second.output()).containsExactlyInAnyOrder(train.jobId(), learn.jobId());
                byJob.values().forEach(sent -> assertThat(sent.stream().map(CloudEvent::id).distinct()).hasSize(1));
                assertThat(results).allSatisfy(e -> assertThat(e.data().get("status").asText()).isEqualTo("completed"));

                // The same job once more (a redelivery): answered from the stored run, nothing recomputed.
                WorkerFixture.publish(kafka, train);
                second.awaitLine("job " + train.jobId() + " was completed before", START);
            }
            assertThat(WorkerFixture.count(db, "SELECT count(*) FROM worker.job_runs WHERE model_id = ? "
                    + "AND status = 'completed'", model)).isEqualTo(2);
            assertThat(WorkerFixture.count(db, "SELECT count(*) FROM worker.model_snapshots WHERE model_id = ?",
                    model)).isEqualTo(2);
            assertThat(WorkerFixture.count(db, "SELECT count(*) FROM worker.components WHERE model_id = ?", model))
                    .as("backbone in v1; backbone and b1 in v2").isEqualTo(3);
        }
    }
}
