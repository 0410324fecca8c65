package io.lethe.command;

import io.lethe.api.Json;
import io.lethe.command.intake.CommandIntakeFactory;
import io.lethe.command.intake.CommandIntake;
import io.lethe.command.jdbc.ThreadBoundTransactions;
import io.lethe.command.model.Model;
import io.lethe.command.publish.KafkaEventPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The command side as one startable unit: Axon (aggregates, JDBC event store on PostgreSQL,
 * the Kafka publisher as a tracking processor) plus the Kafka command intake.
 */
public final class CommandSide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSide.class);

    private final Configuration axon;
    private final CommandIntake intake;
    private final KafkaProducer<String, byte[]> eventProducer;

    private CommandSide(Configuration axon, CommandIntake intake, KafkaProducer<String, byte[]> eventProducer) {
        this.axon = axon;
        this.intake = intake;
        this.eventProducer = eventProducer;
    }

    public static CommandSide start(CommandSideSettings settings) {
        ThreadBoundTransactions transactions = new ThreadBoundTransactions(settings.dataSource());
        KafkaProducer<String, byte[]> eventProducer = eventProducer(settings);
        Configuration axon = axonConfigurer(transactions, eventProducer).buildConfiguration();
        axon.start();
        CommandIntake intake = CommandIntakeFactory.create(settings, axon.commandGateway(), transactions);
        intake.start();
        LOG.info("command side started");
        return new CommandSide(axon, intake, eventProducer);
    }

    static Configurer axonConfigurer(ThreadBoundTransactions transactions,
                                     KafkaProducer<String, byte[]> eventProducer) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.mapper().copy()).build();
        PersistenceExceptionResolver duplicateKeys = new JdbcSQLErrorCodesResolver();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureTransactionManager(c -> transactions)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureCommandBus(c -> commandBus(c, transactions))
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(transactions)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .persistenceExceptionResolver(duplicateKeys)
                        .dataType(byte[].class)
                        .schema(EventSchema.builder()
                                .eventTable("events.domainevententry")
                                .snapshotTable("events.snapshotevententry")
                                .build())
                        .build())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Model.class)
                        .configureCommandTargetResolver(c -> CommandSide::targetOf));
        configurer.eventProcessing()
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(transactions)
                        .serializer(serializer)
                        .schema(TokenSchema.builder().setTokenTable("events.tokenentry").build())
                        .contentType(byte[].class)
                        .build())
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                .registerEventHandler(c -> new KafkaEventPublisher(eventProducer, transactions));
        return configurer;
    }

    /** Commands run in a database transaction that also claims their id (see IdempotencyInterceptor). */
    private static SimpleCommandBus commandBus(Configuration c, ThreadBoundTransactions transactions) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(transactions)
                .messageMonitor(c.messageMonitor(SimpleCommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(CommandIntakeFactory.idempotencyInterceptor(transactions));
        return bus;
    }

    private static VersionedAggregateIdentifier targetOf(org.axonframework.commandhandling.CommandMessage<?> command) {
        if (command.getPayload() instanceof io.lethe.api.commands.ModelCommand modelCommand) {
            return new VersionedAggregateIdentifier(modelCommand.modelId().value(), null);
        }
        throw new IllegalArgumentException("no aggregate for " + command.getCommandName());
    }

    private static KafkaProducer<String, byte[]> eventProducer(CommandSideSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lethe-event-publisher");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        intake.close();
        axon.shutdown();
        eventProducer.close();
        LOG.info("command side stopped");
    }
}
