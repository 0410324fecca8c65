package io.lethe.api.schemas;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CloudEventCodec;
import io.lethe.api.commands.Task;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.DeviceUpdatedEvent;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.ErasureCompletedEvent;
import io.lethe.api.events.ErasureExtendedEvent;
import io.lethe.api.events.ErasureFailedEvent;
import io.lethe.api.events.ErasureJoinedEvent;
import io.lethe.api.events.ErasureModelDeployedEvent;
import io.lethe.api.events.ErasureModelSettledEvent;
import io.lethe.api.events.ErasureOverdueEvent;
import io.lethe.api.events.ErasureRequestedEvent;
import io.lethe.api.events.EventTypes;
import io.lethe.api.events.Guarantee;
import io.lethe.api.events.IngestedRecord;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.api.events.NothingToForgetEvent;
import io.lethe.api.events.RecordsForgottenEvent;
import io.lethe.api.events.RecordsIngestedEvent;
import io.lethe.api.events.StoredEvent;
import io.lethe.api.events.SubjectKeyShreddedEvent;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionFailedEvent;
import io.lethe.api.events.VersionRequestedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.Component;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.api.jobs.ForgetPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type the ledger emits, written as it is on {@code lethe.events} (stored payload, envelope, the
 * CloudEvent codec), validates against its schema and against {@code event.json}; the schemas forbid undescribed
 * fields, so a field added to an event without its schema fails here. Replies and jobs likewise.
 */
class EventSchemasTest {

    private static final ModelId MODEL = ModelId.of("face-1");
    private static final String PSEUDONYM = "EaXpLkCtX2W5UeWxFrEPQn1L1yiqyDXNytwbVKTeWDA=";
    private static final String DIGEST = "R90EaFZr/XSiMUP+59eVNL91Y6lb0CZrx34/Hl8JIf8=";
    private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123Z");

    @Test
    void everyEventTypeHasAnExampleHere() {
        assertThat(examples().keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @TestFactory
    Stream<DynamicTest> everyEventAsPublishedMatchesItsSchema() {
        return examples().values().stream().map(event -> DynamicTest.dynamicTest(event.getClass().getSimpleName(), () -> {
            String published = published(event);

            assertThat(SchemaCheck.findings(SchemaCheck.schema(ContractSchemas.event(event.getClass())), published))
                    .as(published).isEmpty();
            assertThat(SchemaCheck.findings(SchemaCheck.schema(ContractSchemas.ANY_EVENT), published)).isEmpty();
        }));
    }

    @Test
    void anEventWithAFieldItsSchemaDoesNotDescribeFails() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(
                published(new SubjectKeyShreddedEvent("erasure-1", PSEUDONYM)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("data")).put("subjectId", "alice");

        assertThat(SchemaCheck.findings(SchemaCheck.schema(ContractSchemas.event(SubjectKeyShreddedEvent.class)),
                Json.mapper().writeValueAsString(tree))).isNotEmpty();
    }

    @Test
    void repliesMatchTheirSchema() throws Exception {
        var schema = SchemaCheck.schema(ContractSchemas.COMMAND_RESULT);
        for (CommandResult result : List.of(CommandResult.accepted("c-1"),
                CommandResult.rejected("c-2", ErrorCode.UNKNOWN_MODEL, "model face-9 not found"),
                CommandResult.rejected(null, ErrorCode.MALFORMED_JSON, "value is not JSON"))) {
            assertThat(SchemaCheck.findings(schema, Json.mapper().writeValueAsString(result))).as(result.toString())
                    .isEmpty();
        }
        assertThat(SchemaCheck.findings(schema, "{\"commandId\":\"c\",\"status\":\"rejected\"}")).isNotEmpty();
    }

    @Test
    void theReplySchemaNamesEveryErrorCode() throws Exception {
        var codes = Json.mapper().readTree(ContractSchemas.read(ContractSchemas.COMMAND_RESULT).orElseThrow())
                .at("/$defs/errorCode/enum");
        assertThat(codes).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly(Stream.of(ErrorCode.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void jobsMatchTheirSchema() throws Exception {
        var schema = SchemaCheck.schema(ContractSchemas.JOB);
        for (VersionRequestedEvent requested : List.of(learnRequested(), forgetRequested())) {
            String job = Json.mapper().writeValueAsString(requested.toJob());
            assertThat(SchemaCheck.findings(schema, job)).as(job).isEmpty();
        }
    }

    private static String published(DomainEvent event) {
        StoredEvent stored = new StoredEvent("event-" + event.getClass().getSimpleName(), event.getClass().getName(),
                "Model", MODEL.value(), 3, AT, StoredEvent.dataOf(event));
        return new String(CloudEventCodec.write(stored.envelope(41).toCloudEvent()), StandardCharsets.UTF_8);
    }

    private static Map<Class<? extends DomainEvent>, DomainEvent> examples() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("forgetAccuracy", 0.02);
        metrics.put("miaAuc", Double.NaN);
        Instant due = AT.plusSeconds(30L * 24 * 3600);
        List<DomainEvent> all = List.of(
                new ModelRegisteredEvent(MODEL, Task.FACE, "paper-180nm"),
                new RecordsIngestedEvent("ingestion-1", "faces", List.of(new IngestedRecord(DIGEST, PSEUDONYM, DIGEST))),
                learnRequested(),
                new VersionCompletedEvent(MODEL, 2, 1, VersionCause.LEARN, "job-2", DIGEST, DIGEST, 1,
                        List.of(new ComponentLineage("backbone", ComponentKind.BACKBONE, 0, 7, "ab12", DIGEST, 1,
                                List.of(DIGEST))), metrics, Map.of("energyJ", 1.5e-3)),
                new VersionFailedEvent(MODEL, 3, "job-3", "out of memory", null),
                new RecordsForgottenEvent(MODEL, 2, 3, Guarantee.EXACT, List.of(DIGEST), List.of("branch-1"), metrics,
                        "erasure-1"),
                new NothingToForgetEvent(MODEL, 2, 1, null),
                new VersionDeployedEvent(MODEL, 2, null, "job-4", null),
                new DeviceUpdatedEvent(MODEL, 2, "job-4", Map.of("sramBytesWritten", 4096.0)),
                new ErasureRequestedEvent("erasure-1", PSEUDONYM, "dpo@example.org", AT, due, List.of("face-1")),
                new ErasureJoinedEvent("erasure-1", PSEUDONYM, "dpo", AT, "erasure-2"),
                new ErasureModelSettledEvent("erasure-1", PSEUDONYM, "face-1", null, null, null, null),
                new ErasureModelDeployedEvent("erasure-1", PSEUDONYM, "face-1", 3),
                new ErasureExtendedEvent("erasure-1", PSEUDONYM, due, "many requests", "sent"),
                new ErasureOverdueEvent("erasure-1", PSEUDONYM, due),
                new SubjectKeyShreddedEvent("erasure-1", PSEUDONYM),
                new ErasureCompletedEvent("erasure-1", PSEUDONYM, AT),
                new ErasureFailedEvent("erasure-1", PSEUDONYM, "forget job failed"),
                forgetRequested());
        Map<Class<? extends DomainEvent>, DomainEvent> byType = new LinkedHashMap<>();
        all.forEach(event -> byType.putIfAbsent(event.getClass(), event));
        return byType;
    }

    private static VersionRequestedEvent learnRequested() {
        return new VersionRequestedEvent(MODEL, 2, 1, VersionCause.LEARN, "job-2", Task.FACE, "paper-180nm",
                List.of(new Component("backbone", ComponentKind.BACKBONE, 0, 7, List.of(DIGEST), null),
                        new Component("branch-1", ComponentKind.BRANCH, 8, 1, List.of(DIGEST), null)),
                List.of("branch-1"), null, null);
    }

    private static VersionRequestedEvent forgetRequested() {
        return new VersionRequestedEvent(MODEL, 3, 2, VersionCause.FORGET, "job-3", Task.FACE, "paper-180nm",
                List.of(new Component("unlearn-1", ComponentKind.UNLEARNING_BRANCH, 4, 2, List.of(), List.of(DIGEST))),
                List.of("unlearn-1"), new ForgetPlan(Guarantee.APPROXIMATE, List.of(DIGEST), null), "erasure-1");
    }
}
