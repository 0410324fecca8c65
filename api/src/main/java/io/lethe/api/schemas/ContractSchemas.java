package io.lethe.api.schemas;

import io.lethe.api.commands.CommandType;
import io.lethe.api.events.DomainEvent;
import io.lethe.api.events.EventTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON Schemas (draft 2020-12) of every command, event, reply and job, and the AsyncAPI 3.0 document of every
 * topic, as resources of this jar under {@code lethe/}. Names are relative to {@link #SCHEMAS}: the AsyncAPI
 * document refers to them by the same relative paths, so it resolves on disk, in the jar and when served.
 */
public final class ContractSchemas {

    /** The classpath folder of the schemas. */
    public static final String SCHEMAS = "lethe/schemas/";
    /** The AsyncAPI document's classpath location; its {@code $ref}s are relative to {@code lethe/}. */
    public static final String ASYNCAPI = "lethe/asyncapi.yaml";
    /** Any command, by its type (one schema per command type, see {@link #command}). */
    public static final String ANY_COMMAND = "command.json";
    /** Any domain event, by its type (see {@link #event}). */
    public static final String ANY_EVENT = "event.json";
    public static final String COMMAND_RESULT = "command-result.json";
    public static final String JOB = "job.json";

    private static final List<String> SHARED = List.of("definitions.json", "command-envelope.json",
            "event-envelope.json", ANY_COMMAND, ANY_EVENT, COMMAND_RESULT, JOB);

    private ContractSchemas() {
    }

    /** The schema of one command type's CloudEvent: {@code commands/IngestRecords.json} for {@code lethe.IngestRecords}. */
    public static String command(CommandType type) {
        return "commands/" + withoutPrefix(type.cloudEventType()) + ".json";
    }

    /** The schema of one event type's CloudEvent: {@code events/ModelRegistered.json} for {@code lethe.ModelRegistered}. */
    public static String event(Class<? extends DomainEvent> type) {
        return "events/" + withoutPrefix(DomainEvent.cloudEventType(type)) + ".json";
    }

    /** Every schema name, shared definitions first. */
    public static List<String> all() {
        List<String> names = new ArrayList<>(SHARED);
        for (CommandType type : CommandType.values()) {
            names.add(command(type));
        }
        EventTypes.all().forEach(type -> names.add(event(type)));
        return List.copyOf(names);
    }

    /** The bytes of a schema named by {@link #all()}; empty for any other name (so a caller cannot walk the jar). */
    public static Optional<byte[]> read(String name) {
        return all().contains(name) ? Optional.of(resource(SCHEMAS + name)) : Optional.empty();
    }

    /** The AsyncAPI document, YAML. */
    public static byte[] asyncApi() {
        return resource(ASYNCAPI);
    }

    private static String withoutPrefix(String cloudEventType) {
        return cloudEventType.substring(cloudEventType.indexOf('.') + 1);
    }

    private static byte[] resource(String path) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
