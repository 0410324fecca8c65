package io.lethe.api.commands;

/** A command of the public contract; {@link #routingKey()} is the Kafka key and the aggregate it targets. */
public sealed interface Command permits ModelCommand, IngestRecordsCommand, RequestErasureCommand, ExtendErasureCommand {

    String routingKey();
}
