package io.lethe.command.erasure;

import io.lethe.api.commands.DeployCommand;
import io.lethe.api.commands.ForgetCommand;
import io.lethe.api.commands.ForgetMode;
import io.lethe.api.events.ErasureRequestedEvent;
import io.lethe.api.events.NothingToForgetEvent;
import io.lethe.api.events.RecordsForgottenEvent;
import io.lethe.api.events.VersionDeployedEvent;
import io.lethe.api.events.VersionFailedEvent;
import io.lethe.api.ids.ModelId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The erasure's moves between aggregates: ask every model to forget the subject (mode auto), deploy
 * each new version, and report back to the subject's aggregate. A tracking processor: every command
 * it sends carries an id derived from the event it reacts to, so a replay after a crash has no
 * second effect (the idempotency table is in the same transaction as its token).
 */
@ProcessingGroup(ErasurePolicy.PROCESSING_GROUP)
public final class ErasurePolicy {

    public static final String PROCESSING_GROUP = "lethe-erasure-policy";

    private final CommandGateway commands;
    private final ConnectionProvider connections;

    public ErasurePolicy(CommandGateway commands, ConnectionProvider connections) {
        this.commands = commands;
        this.connections = connections;
    }

    @EventHandler
    void on(ErasureRequestedEvent event, @MessageIdentifier String eventId) {
        remember(event.erasureId(), event.subjectPseudonym());
        for (String modelId : event.modelIds()) {
            send(eventId + ":" + modelId, new ForgetCommand(ModelId.of(modelId), null, List.of(), ForgetMode.AUTO,
                    event.erasureId(), event.subjectPseudonym()));
        }
    }

    @EventHandler
    void on(NothingToForgetEvent event, @MessageIdentifier String eventId) {
        subjectOf(event.erasureId()).ifPresent(subject -> send(eventId, new ErasureCommands.SettleModel(subject,
                event.erasureId(), event.modelId().value(), null, event.latestVersion(), null, Map.of())));
    }

    @EventHandler
    void on(RecordsForgottenEvent event, @MessageIdentifier String eventId) {
        subjectOf(event.erasureId()).ifPresent(subject -> {
            send(eventId + ":settle", new ErasureCommands.SettleModel(subject, event.erasureId(),
                    event.modelId().value(), event.guarantee(), event.versionBefore(), event.versionAfter(),
                    event.metrics()));
            send(eventId + ":deploy", new DeployCommand(event.modelId(), event.versionAfter(), event.erasureId()));
        });
    }

    @EventHandler
    void on(VersionDeployedEvent event, @MessageIdentifier String eventId) {
        subjectOf(event.erasureId()).ifPresent(subject -> send(eventId, new ErasureCommands.RecordDeployment(subject,
                event.erasureId(), event.modelId().value(), event.version())));
    }

    @EventHandler
    void on(VersionFailedEvent event, @MessageIdentifier String eventId) {
        subjectOf(event.erasureId()).ifPresent(subject -> send(eventId, new ErasureCommands.Fail(subject,
                event.erasureId(), "model " + event.modelId() + " could not forget: " + event.reason())));
    }

    private void send(String commandId, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with("commandId", "erasure-policy:" + commandId)
                        .and("commandType", command.getClass().getSimpleName())));
    }

    private void remember(String erasureId, String pseudonym) {
        String sql = "INSERT INTO events.erasure_routes (erasure_id, subject_aggregate_id) VALUES (?, ?)"
                + " ON CONFLICT (erasure_id) DO NOTHING";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, erasureId);
            s.setString(2, DataSubject.idFor(pseudonym));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remember erasure " + erasureId, e);
        }
    }

    /** The subject aggregate an erasure belongs to; empty for model events no erasure asked for. */
    private java.util.Optional<String> subjectOf(String erasureId) {
        if (erasureId == null) {
            return java.util.Optional.empty();
        }
        String sql = "SELECT subject_aggregate_id FROM events.erasure_routes WHERE erasure_id = ?";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, erasureId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up erasure " + erasureId, e);
        }
    }
}
