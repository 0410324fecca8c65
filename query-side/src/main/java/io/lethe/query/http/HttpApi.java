package io.lethe.query.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.lethe.api.ErrorCode;
import io.lethe.api.Json;
import io.lethe.api.LetheException;
import io.lethe.api.views.ErrorView;
import io.lethe.query.costs.CostQueries;
import io.lethe.query.log.TransparencyLog;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.query.erasures.CertificateIssuer;
import io.lethe.query.erasures.ErasureQueries;
import io.lethe.query.erasures.ErasureRequester;
import io.lethe.query.models.ModelQueries;
import io.lethe.query.versions.LineageProofs;
import io.lethe.query.versions.VersionQueries;
import io.lethe.query.witness.WitnessCosigning;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CopyOnWriteArrayList;

/** The query side's REST API under {@code /api} (CONTRACT.md). Errors are JSON with a code, never a stack trace. */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin javalin;
    private final List<Route> routes;

    private HttpApi(Javalin javalin, List<Route> routes) {
        this.javalin = javalin;
        this.routes = List.copyOf(routes);
    }

    /** A registered endpoint: HTTP method and path as registered, e.g. {@code GET /api/models/{modelId}}. */
    public record Route(String method, String path) {
    }

    /** What the erasure endpoints need: the queue, the certificate issuer and the Kafka requester. */
    public record Erasures(ErasureQueries queries, CertificateIssuer certificates, ErasureRequester requester) {
    }

    /** The transparency log and the witnesses cosigning its checkpoints. */
    public record Log(TransparencyLog log, WitnessCosigning witnesses) {
    }

    /** What the lineage endpoints need: version reads, the proof builder and the ledger secret. */
    public record Lineage(VersionQueries versions, LineageProofs proofs, LedgerSecret secret) {
    }

    /**
     * Starts the API; {@code tokenStore} holds {@code query.access_tokens}; {@code health} names the background
     * parts {@code /health} reports; {@code metrics} is what {@code /metrics} serves. Every request to a
     * registered route is checked against {@link AccessPolicy} before its handler runs.
     */
    public static HttpApi start(int port, String adminToken, ModelQueries models, Log transparency,
                                Lineage lineage, DataSource tokenStore, Erasures erasures,
                                Map<String, BooleanSupplier> health, PrometheusMeterRegistry metrics) {
        TransparencyLog log = transparency.log();
        AccessTokens tokens = new AccessTokens(tokenStore);
        BearerAuth auth = new BearerAuth(adminToken, tokens);
        List<Route> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.mapper().copy(), false));
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            config.events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(info.getHttpMethod().name(), info.getPath()));
                }
            });
        });
        // Only matched endpoints are checked: the rule is looked up by the path as registered.
        app.beforeMatched(ctx -> auth.authorise(ctx,
                AccessPolicy.ruleFor(ctx.method().name(), ctx.endpointHandlerPath())));
        HealthRoute.register(app, health);
        MetricsRoute.register(app, metrics);
        app.get("/api/models", ctx -> ctx.json(models.all()));
        app.get("/api/models/{modelId}", ctx -> ctx.json(models.find(ctx.pathParam("modelId"))
                .orElseThrow(() -> notFound("model " + ctx.pathParam("modelId")))));
        VersionRoutes.register(app, lineage.versions(), lineage.proofs(), lineage.secret());
        LogRoutes.register(app, log, transparency.witnesses(), auth);
        OpenApiRoute.register(app);
        ContractRoutes.register(app);
        DashboardRoutes.register(app);
        CostRoutes.register(app, new CostQueries(models, lineage.versions()));
        LogStatusRoute.register(app, log);
        TileRoutes.register(app, log);
        TokenRoutes.register(app, tokens);
        SubjectKeyRoutes.register(app, new io.lethe.query.subjects.SubjectKeyIssuer(tokenStore, lineage.secret()));
        ErasureRoutes.register(app, new ErasureRoutes.Services(erasures.queries(), erasures.certificates(),
                erasures.requester(), lineage.secret()));
        app.exception(LetheException.class, (e, ctx) -> error(ctx, e.errorCode(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            // The route as registered, not the path: a path may name a subject (GET /api/subjects/{subjectId}/...).
            LOG.error("request {} {} failed", ctx.method(), ctx.endpointHandlerPath(), e);
            error(ctx, ErrorCode.INTERNAL_ERROR, "internal error");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, ErrorCode.NOT_FOUND, "no such resource: " + ctx.path());
            }
        });
        app.start("0.0.0.0", port);
        return new HttpApi(app, routes);
    }

    /** Every registered HTTP endpoint, in registration order (tests check each has an access rule). */
    public List<Route> routes() {
        return routes;
    }

    public int port() {
        return javalin.port();
    }

    static LetheException notFound(String what) {
        return new LetheException(ErrorCode.NOT_FOUND, what + " not found");
    }

    private static void error(Context ctx, ErrorCode code, String message) {
        ctx.status(statusOf(code)).json(new ErrorView(code, message));
    }

    /** The HTTP status of an error answer with that code (the OpenAPI document lists each code under it). */
    public static int httpStatusOf(ErrorCode code) {
        return statusOf(code).getCode();
    }

    private static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND, UNKNOWN_MODEL, UNKNOWN_VERSION, UNKNOWN_RECORDS -> HttpStatus.NOT_FOUND;
            case NOT_READY -> HttpStatus.CONFLICT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
