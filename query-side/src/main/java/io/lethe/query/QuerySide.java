package io.lethe.query;

import io.lethe.query.consume.EventConsumer;
import io.lethe.query.consume.Transactions;
import io.lethe.query.http.DegradablePart;
import io.lethe.query.http.HttpApi;
import io.lethe.query.log.CheckpointSchedule;
import io.lethe.query.log.LogMetrics;
import io.lethe.query.log.TransparencyLog;
import io.lethe.query.log.TransparencyLogProjection;
import io.lethe.query.models.ModelProjection;
import io.lethe.query.erasures.CertificateIssuer;
import io.lethe.query.erasures.ErasureProjection;
import io.lethe.query.erasures.ErasureQueries;
import io.lethe.query.erasures.ErasureRequester;
import io.lethe.query.models.ModelQueries;
import io.lethe.query.versions.LineageProofs;
import io.lethe.query.versions.VersionProjection;
import io.lethe.query.versions.VersionQueries;
import io.lethe.query.witness.WitnessCosigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** The query side as one startable unit: the projections' Kafka consumer and the HTTP API. */
public final class QuerySide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuerySide.class);

    private final EventConsumer consumer;
    private final HttpApi http;
    private final CheckpointSchedule checkpoints;
    private final WitnessCosigning witnesses;
    private final ErasureRequester requester;

    private QuerySide(EventConsumer consumer, HttpApi http, CheckpointSchedule checkpoints,
                      WitnessCosigning witnesses, ErasureRequester requester) {
        this.consumer = consumer;
        this.http = http;
        this.checkpoints = checkpoints;
        this.witnesses = witnesses;
        this.requester = requester;
    }

    public static QuerySide start(QuerySideSettings settings) {
        return start(settings, Map.of());
    }

    /** @param otherParts background parts of the same process that {@code /health} reports beside the consumer */
    public static QuerySide start(QuerySideSettings settings, Map<String, BooleanSupplier> otherParts) {
        TransparencyLog log = TransparencyLog.open(settings.dataSource(), settings.log().origin(),
                settings.logSigningKey(), Clock.systemUTC());
        EventConsumer consumer = new EventConsumer(settings.kafka(), settings.consumerGroup(),
                new Transactions(settings.dataSource()),
                List.of(new ModelProjection(), new VersionProjection(), new ErasureProjection(),
                        new TransparencyLogProjection()), settings.meterRegistry());
        new LogMetrics(log, Clock.systemUTC()).bindTo(settings.meterRegistry());
        consumer.start();
        CheckpointSchedule checkpoints = CheckpointSchedule.start(log, settings.log().checkpointPeriod());
        WitnessCosigning witnesses = WitnessCosigning.start(log, settings.log().witnesses(), settings.meterRegistry(),
                Clock.systemUTC());
        VersionQueries versions = new VersionQueries(settings.dataSource());
        LineageProofs proofs = new LineageProofs();
        ErasureQueries erasures = new ErasureQueries(settings.dataSource());
        ErasureRequester requester = new ErasureRequester(settings.kafka());
        HttpApi http = HttpApi.start(settings.httpPort(), settings.adminToken(),
                new ModelQueries(settings.dataSource(), versions), new HttpApi.Log(log, witnesses),
                new HttpApi.Lineage(versions, proofs, settings.ledgerSecret()), settings.dataSource(),
                new HttpApi.Erasures(erasures,
                        new CertificateIssuer(settings.dataSource(), erasures, versions, proofs, log,
                                log::cosignedNote), requester),
                health(consumer, witnesses, otherParts), settings.meterRegistry());
        LOG.info("query side started on port {}", http.port());
        return new QuerySide(consumer, http, checkpoints, witnesses, requester);
    }

    private static Map<String, BooleanSupplier> health(EventConsumer consumer, WitnessCosigning witnesses,
                                                       Map<String, BooleanSupplier> others) {
        Map<String, BooleanSupplier> parts = new LinkedHashMap<>();
        parts.put("eventConsumer", consumer.health());
        if (witnesses.configured()) {
            // Witnesses never take the query side DOWN: it still serves, with fewer cosignatures.
            parts.put("witnesses", new DegradablePart() {
                @Override
                public boolean getAsBoolean() {
                    return true;
                }

                @Override
                public Optional<String> degradation() {
                    return witnesses.degradation();
                }
            });
        }
        parts.putAll(new TreeMap<>(others));
        return parts;
    }

    public int httpPort() {
        return http.port();
    }

    /** The REST API's registered endpoints (each must have an {@link io.lethe.query.http.AccessPolicy} rule). */
    public java.util.List<HttpApi.Route> httpRoutes() {
        return http.routes();
    }

    /** Events applied since start (duplicates excluded); used by tests and benchmarks. */
    public long appliedEvents() {
        return consumer.appliedCount();
    }

    @Override
    public void close() {
        http.close();
        requester.close();
        witnesses.close();
        checkpoints.close();
        consumer.close();
        LOG.info("query side stopped");
    }
}
