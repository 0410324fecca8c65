package io.lethe.app.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.lethe.api.cloudevents.CloudEvent;
import io.lethe.api.schemas.ContractSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records read from {@code lethe.events} against the contract: the structured-mode {@code content-type} header and
 * {@code event.json} (networknt, draft 2020-12, formats asserted), the schema the AsyncAPI document names.
 */
final class PublishedEventSchemas {

    private static final Schema ANY_EVENT = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(
                            SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
            .getSchema(SchemaLocation.of("classpath:" + ContractSchemas.SCHEMAS + ContractSchemas.ANY_EVENT));

    private PublishedEventSchemas() {
    }

    /** @return one line per record that breaks the contract, naming its offset and what is wrong */
    static List<String> findings(List<ConsumerRecord<String, byte[]>> records) {
        List<String> findings = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String at = record.topic() + "-" + record.partition() + "@" + record.offset();
            Header contentType = record.headers().lastHeader(CloudEvent.CONTENT_TYPE_HEADER);
            if (contentType == null || !CloudEvent.STRUCTURED_CONTENT_TYPE.equals(
                    new String(contentType.value(), StandardCharsets.UTF_8))) {
                findings.add(at + ": no structured-mode content-type header");
            }
            for (Error error : ANY_EVENT.validate(new String(record.value(), StandardCharsets.UTF_8),
                    InputFormat.JSON)) {
                findings.add(at + ": " + error);
            }
        }
        return findings;
    }
}
