package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The idempotency table: which command ids have been handled and what they were answered. */
final class ProcessedCommands {

    private final ConnectionProvider connections;

    ProcessedCommands(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** Claims the id inside the current transaction; false when it was processed before. */
    boolean claimAccepted(String commandId, String commandType) {
        return insert(commandId, commandType, CommandResult.ACCEPTED, null, null);
    }

    /** Records a rejection (own transaction), so a redelivery gets the same answer without a second attempt. */
    void recordRejected(String commandId, String commandType, ErrorCode code, String message) {
        insert(commandId, commandType, CommandResult.REJECTED, code, message);
    }

    Optional<CommandResult> find(String commandId) {
        String sql = "SELECT status, error_code, message FROM events.processed_commands WHERE command_id = ?";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, commandId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String code = rs.getString("error_code");
                return Optional.of(new CommandResult(commandId, rs.getString("status"),
                        code == null ? null : ErrorCode.valueOf(code), rs.getString("message")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read processed command " + commandId, e);
        }
    }

    private boolean insert(String commandId, String type, String status, ErrorCode code, String message) {
        String sql = "INSERT INTO events.processed_commands (command_id, command_type, status, error_code, message)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id) DO NOTHING";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, commandId);
            s.setString(2, type);
            s.setString(3, status);
            s.setString(4, code == null ? null : code.name());
            s.setString(5, message);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record command " + commandId, e);
        }
    }
}
