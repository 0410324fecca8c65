package io.lethe.api.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.cloudevents.CloudEventCodec;

/**
 * Turns the bytes of a Kafka value into a validated {@link Command}, or throws {@link LetheException}
 * with the code that says why not. Types are strict: {@code "5"} is not a number, {@code 5} is not a string.
 */
public final class CommandParser {

    /** Default limit on one command value; the Kafka producer default max request is 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** Longest command id: the idempotency table's key column holds 256 characters. */
    public static final int MAX_ID_LENGTH = 256;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .findAndAddModules()
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false)
            // Otherwise "version": 1.5 would silently deploy version 1.
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            // Otherwise "subjects": [1] would read as ["1"]: elements of a list of strings are coerced even when
            // scalar coercion is off (the command schemas say a string, and the corpus test holds both to it).
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final int maxBytes;
    private final CommandSourcePolicy sources;
    private final boolean allowPlaintextPayloads;

    /**
     * @param maxBytes               largest accepted value; larger ones are rejected with {@link ErrorCode#OVERSIZE}
     *                               unread
     * @param sources                which CloudEvent sources may send which command types
     * @param allowPlaintextPayloads accept inline plaintext {@code payload}s (unsafe: the personal data then stays
     *                               on the topic, in every replica and backup, whatever an erasure does); otherwise
     *                               they are refused with {@link ErrorCode#PLAINTEXT_PAYLOAD}
     */
    public CommandParser(int maxBytes, CommandSourcePolicy sources, boolean allowPlaintextPayloads) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the command size limit must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.sources = sources;
        this.allowPlaintextPayloads = allowPlaintextPayloads;
    }

    /** A parser that refuses plaintext payloads. */
    public CommandParser(int maxBytes, CommandSourcePolicy sources) {
        this(maxBytes, sources, false);
    }

    /** A parser with the {@link CommandSourcePolicy#DEFAULT default source policy}. */
    public CommandParser(int maxBytes) {
        this(maxBytes, CommandSourcePolicy.DEFAULT);
    }

    public CommandParser() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A parsed envelope and its command. */
    public record Parsed(CloudEvent envelope, Command command) {
    }

    /**
     * Reads one command; the source is checked before {@code data} is read, so an unauthorised
     * producer learns nothing about what it sent beyond the refusal.
     *
     * @throws LetheException the only exception this throws, with the code that says why
     */
    public Parsed parse(byte[] value) {
        CloudEvent envelope = CloudEventCodec.parse(value, maxBytes);
        sources.check(envelope.type(), envelope.source());
        requireStorable(envelope);
        Command command = command(envelope);
        if (!allowPlaintextPayloads) {
            requireNoPlaintext(command);
        }
        return new Parsed(envelope, command);
    }

    private static void requireNoPlaintext(Command command) {
        if (command instanceof IngestRecordsCommand ingest) {
            ingest.records().stream().filter(RecordSpec::isPlaintext).findFirst().ifPresent(record -> {
                throw new LetheException(ErrorCode.PLAINTEXT_PAYLOAD, "record " + record.recordId()
                        + " carries a plaintext payload: seal it with the producer library (or name a bundled"
                        + " sample as source); plaintext payloads are refused unless LETHE_ALLOW_PLAINTEXT_PAYLOADS"
                        + " is set");
            });
        }
    }

    /**
     * Rejects what the database would refuse later: there a refusal looks like our failure and the
     * intake would retry the command for ever instead of answering it.
     */
    private static void requireStorable(CloudEvent envelope) {
        if (envelope.id().length() > MAX_ID_LENGTH) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "id must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (hasNul(envelope.id()) || hasNul(envelope.source()) || hasNul(envelope.type())
                || (envelope.data() != null && hasNul(envelope.data()))) {
            throw new LetheException(ErrorCode.INVALID_ENCODING, "text may not contain U+0000");
        }
    }

    private static boolean hasNul(String text) {
        return text.indexOf(0) >= 0;
    }

    /** Jackson bounds the nesting depth (1000) before we get here, so the recursion is bounded too. */
    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return hasNul(node.textValue());
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (hasNul(field.getKey()) || hasNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reads the command from an already parsed envelope. */
    public static Command command(CloudEvent envelope) {
        CommandType type = CommandType.of(envelope.type()).orElseThrow(() -> new LetheException(
                ErrorCode.UNKNOWN_COMMAND_TYPE, "unknown command type '" + envelope.type() + "'"));
        JsonNode data = envelope.data();
        if (data == null || !data.isObject()) {
            throw new LetheException(ErrorCode.MISSING_FIELD, "data must be a JSON object holding the command");
        }
        for (String internal : type.internalFields()) {
            if (data.hasNonNull(internal)) {
                throw new LetheException(ErrorCode.INTERNAL_FIELD, "'" + internal + "' is set only by the ledger itself,"
                        + " never by a producer's " + type.cloudEventType());
            }
        }
        return read(data, type.commandClass());
    }

    private static Command read(JsonNode data, Class<? extends Command> commandClass) {
        try {
            return STRICT.treeToValue(data, commandClass);
        } catch (ValueInstantiationException e) {
            throw rootLetheException(e).orElseThrow(() -> invalid(e));
        } catch (JsonProcessingException e) {
            LetheException cause = rootLetheException(e).orElse(null);
            throw cause != null ? cause : invalid(e);
        }
    }

    private static java.util.Optional<LetheException> rootLetheException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LetheException lethe) {
                return java.util.Optional.of(lethe);
            }
        }
        return java.util.Optional.empty();
    }

    private static LetheException invalid(JsonProcessingException e) {
        String path = e instanceof MismatchedInputException mismatch ? fieldPath(mismatch) : "";
        return new LetheException(ErrorCode.INVALID_FIELD,
                "invalid value" + (path.isEmpty() ? "" : " for " + path) + ": " + e.getOriginalMessage());
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
