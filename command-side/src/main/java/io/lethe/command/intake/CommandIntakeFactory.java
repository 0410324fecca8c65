package io.lethe.command.intake;

import io.lethe.api.commands.CommandParser;
import io.lethe.command.CommandSideSettings;
import io.lethe.command.PipelineStages;
import io.micrometer.core.instrument.MeterRegistry;
import io.lethe.command.jdbc.ThreadBoundTransactions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.util.HashMap;
import java.util.Map;

/** Wires the intake's Kafka clients and collaborators. */
public final class CommandIntakeFactory {

    public static final String CONSUMER_GROUP = "lethe-command-side";

    private CommandIntakeFactory() {
    }

    public static CommandIntake create(CommandSideSettings settings, CommandGateway gateway,
                                       ThreadBoundTransactions transactions) {
        ProcessedCommands processed = new ProcessedCommands(transactions);
        CommandDispatcher oneByOne = new CommandDispatcher(gateway, processed);
        MeterRegistry meters = settings.meterRegistry();
        CommandRecordHandler handler = new CommandRecordHandler(
                new CommandParser(settings.maxCommandBytes(), settings.commandSources(),
                        settings.allowPlaintextPayloads()), oneByOne,
                new IngestRunDispatcher(gateway, processed, transactions, oneByOne,
                        PipelineStages.timer(meters, "intake.claim"), PipelineStages.timer(meters, "axon.handle")),
                PipelineStages.timer(meters, "intake.parse"));
        return new CommandIntake(consumerConfig(settings), handler, new Replies(producerConfig(settings)),
                transactions, settings.meterRegistry());
    }

    /** The idempotency interceptor to register on the command bus, sharing the intake's table. */
    public static MessageHandlerInterceptor<CommandMessage<?>> idempotencyInterceptor(ConnectionProvider connections) {
        return new IdempotencyInterceptor(new ProcessedCommands(connections));
    }

    private static Map<String, Object> consumerConfig(CommandSideSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, CONSUMER_GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> producerConfig(CommandSideSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lethe-command-replies");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
