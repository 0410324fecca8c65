package io.lethe.query.http;

import io.lethe.api.schemas.ContractSchemas;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's schemas are served by their names, and nothing else from the jar is. */
class ContractRoutesTest {

    @Test
    void everySchemaOfTheContractIsServed() {
        assertThat(ContractSchemas.all()).hasSizeGreaterThan(30)
                .allSatisfy(name -> assertThat(ContractRoutes.schema(name)).as(name).isPresent());
    }

    @Test
    void noOtherFileIs() {
        for (String name : new String[] {"../asyncapi.yaml", "commands/../definitions.json", "commands/Nope.json",
                "openapi.json", "io/lethe/query/http/openapi.json", ""}) {
            assertThat(ContractRoutes.schema(name)).as(name).isEmpty();
        }
    }
}
