package io.lethe.command.jobs;

import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.api.jobs.Job;
import io.lethe.api.jobs.JobType;
import io.lethe.command.publish.AwaitedSends;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;

/**
 * Turns planned versions and deployments into jobs on {@code lethe.jobs}, keyed by model id so one
 * model's jobs reach one worker in order. A tracking processor with its token in PostgreSQL: a job
 * is published at least once (workers and the command side deduplicate by job id).
 */
@ProcessingGroup(JobDispatcher.PROCESSING_GROUP)
public final class JobDispatcher {

    public static final String PROCESSING_GROUP = "lethe-job-dispatcher";

    private final AwaitedSends sends;

    public JobDispatcher(KafkaProducer<String, byte[]> producer) {
        this.sends = new AwaitedSends(producer, PROCESSING_GROUP);
    }

    @EventHandler
    void on(VersionRequestedEvent event) {
        publish(event.toJob());
    }

    @EventHandler
    void on(VersionDeployedEvent event) {
        publish(new Job(event.jobId(), event.modelId().value(), null, null, JobType.DEPLOY, event.version(),
                event.previousVersion() == null ? 0 : event.previousVersion(), List.of(), List.of(), null));
    }

    private void publish(Job job) {
        try {
            sends.send(new ProducerRecord<>(Topics.JOBS, job.modelId(), Json.mapper().writeValueAsBytes(job)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write job " + job.jobId(), e);
        }
    }
}
