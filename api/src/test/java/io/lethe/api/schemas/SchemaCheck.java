package io.lethe.api.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/**
 * The contract's JSON Schemas as an independent validator (networknt, draft 2020-12) reads them from this module's
 * resources, {@code $ref}s resolved relative to each file, {@code format} asserted (a date-time must be one).
 */
final class SchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private SchemaCheck() {
    }

    /** The schema of that name (as {@link ContractSchemas} names it). */
    static Schema schema(String name) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:" + ContractSchemas.SCHEMAS + name));
    }

    /**
     * @return what the schema finds wrong with the JSON text, one line each; a text that is not JSON at all is
     *         one finding
     */
    static List<String> findings(Schema schema, String json) {
        List<Error> errors;
        try {
            errors = schema.validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return errors.stream().map(Error::toString).toList();
    }
}
