package io.lethe.command;

import io.lethe.api.Json;
import io.lethe.command.intake.CommandIntakeFactory;
import io.lethe.command.intake.CommandIntake;
import io.lethe.command.metrics.AxonMessageMonitors;
import io.lethe.command.jdbc.ThreadBoundTransactions;
import io.lethe.command.erasure.DataSubject;
import io.lethe.command.erasure.ErasureDeadlines;
import io.lethe.command.erasure.ErasurePolicy;
import io.lethe.command.vault.KeyScrubber;
import io.lethe.command.erasure.ErasureRequests;
import io.lethe.command.erasure.JdbcModelDirectory;
import io.lethe.command.erasure.KeyShredder;
import io.lethe.command.erasure.SubjectCommandTargetResolver;
import io.lethe.command.jobs.JobDispatcher;
import io.lethe.command.model.ForgetPolicy;
import io.lethe.command.model.Model;
import io.lethe.command.model.ModelCommandTargetResolver;
import io.lethe.command.records.Ingestion;
import io.lethe.command.records.JdbcRecordRegistry;
import io.lethe.command.records.RecordIngestion;
import io.lethe.command.records.RecordRegistry;
import io.lethe.command.vault.Vault;
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
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
    private final ErasureDeadlines deadlines;

    private CommandSide(Configuration axon, CommandIntake intake, KafkaProducer<String, byte[]> eventProducer,
                        ErasureDeadlines deadlines) {
        this.axon = axon;
        this.intake = intake;
        this.eventProducer = eventProducer;
        this.deadlines = deadlines;
    }

    public static CommandSide start(CommandSideSettings settings) {
        ThreadBoundTransactions transactions = new ThreadBoundTransactions(settings.dataSource());
        KafkaProducer<String, byte[]> eventProducer = eventProducer(settings);
        ErasureDeadlines deadlines = new ErasureDeadlines(settings.dataSource(), Duration.ofSeconds(5));
        Configuration axon = axonConfigurer(settings, transactions, eventProducer, deadlines).buildConfiguration();
        axon.start();
        deadlines.start();
        CommandIntake intake = CommandIntakeFactory.create(settings, axon.commandGateway(), transactions);
        intake.start();
        LOG.info("command side started");
        return new CommandSide(axon, intake, eventProducer, deadlines);
    }

    static Configurer axonConfigurer(CommandSideSettings settings, ThreadBoundTransactions transactions,
                                     KafkaProducer<String, byte[]> eventProducer, ErasureDeadlines deadlines) {
        Vault vault = new Vault(transactions);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.mapper().copy()).build();
        PersistenceExceptionResolver duplicateKeys = new io.lethe.command.jdbc.PostgresDuplicateKeys();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureTransactionManager(c -> transactions)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureCommandBus(c -> commandBus(c, transactions))
                .configureEmbeddedEventStore(c -> new TimedEventStorageEngine(JdbcEventStorageEngine.builder()
                        .connectionProvider(transactions)
                        .transactionManager(transactions.joining())
                        .eventSerializer(serializer)
                        .snapshotSerializer(AggregateSnapshots.serializer())
                        .persistenceExceptionResolver(duplicateKeys)
                        .dataType(byte[].class)
                        .schema(EventSchema.builder()
                                .eventTable("events.domainevententry")
                                .snapshotTable("events.snapshotevententry")
                                .build())
                        .build(), settings.meterRegistry()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Model.class)
                        .configureCommandTargetResolver(c -> new ModelCommandTargetResolver())
                        .configureSnapshotTrigger(c -> AggregateSnapshots.everyFewEvents(c)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Ingestion.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DataSubject.class)
                        .configureCommandTargetResolver(c -> new SubjectCommandTargetResolver()))
                .registerComponent(DeadlineManager.class, deadlines::deadlineManager)
                .registerComponent(KeyShredder.class, c -> vault)
                .registerCommandHandler(c -> new ErasureRequests(c.repository(DataSubject.class),
                        new JdbcModelDirectory(transactions), settings.ledgerSecret()))
                .registerComponent(RecordRegistry.class, c -> new JdbcRecordRegistry(transactions, settings.ledgerSecret()))
                .registerComponent(ForgetPolicy.class, c -> settings.forgetPolicy())
                .registerCommandHandler(c -> new RecordIngestion(c.repository(Ingestion.class),
                        vault, settings.ledgerSecret(), settings.meterRegistry()));
        // Axon's message monitors (command bus, event store, each tracking processor's latency and counts).
        new AxonMessageMonitors(settings.meterRegistry()).registerWith(configurer);
        configurer.eventProcessing()
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(transactions)
                        .serializer(serializer)
                        .schema(TokenSchema.builder().setTokenTable("events.tokenentry").build())
                        .contentType(byte[].class)
                        .build())
                // Up to 500 events a batch: one leaf-index commit, one wait for Kafka's acks and one token commit
                // for as many as a polled intake batch appends (the intake polls up to 500 commands).
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(500))
                .registerEventHandler(c -> new KafkaEventPublisher(eventProducer, settings.dataSource(),
                        settings.meterRegistry(), serializer))
                .registerTrackingEventProcessor(JobDispatcher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(50))
                .registerEventHandler(c -> new JobDispatcher(eventProducer))
                .registerTrackingEventProcessor(ErasurePolicy.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(10))
                // An erasure step that fails is retried, never skipped.
                .registerListenerInvocationErrorHandler(ErasurePolicy.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> new ErasurePolicy(c.commandGateway(), transactions))
                .registerTrackingEventProcessor(KeyScrubber.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(10))
                .registerEventHandler(c -> new KeyScrubber(settings.dataSource()));
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

    private static KafkaProducer<String, byte[]> eventProducer(CommandSideSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lethe-event-publisher");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Whether the Kafka command intake still runs (for health checks). */
    public boolean intakeAlive() {
        return intake.isAlive();
    }

    @Override
    public void close() {
        intake.close();
        deadlines.close();
        axon.shutdown();
        eventProducer.close();
        LOG.info("command side stopped");
    }
}
