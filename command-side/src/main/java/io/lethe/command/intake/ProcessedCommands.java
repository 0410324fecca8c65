package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Claims many ids of one type in a single statement inside the current transaction.
     *
     * @return the ids claimed now; the others were processed before
     */
    Set<String> claimAllAccepted(List<String> commandIds, String commandType) {
        String sql = "INSERT INTO events.processed_commands (command_id, command_type, status)"
                + " SELECT id, ?, ? FROM unnest(?::varchar[]) AS ids(id)"
                + " ON CONFLICT (command_id) DO NOTHING RETURNING command_id";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, commandType);
            s.setString(2, CommandResult.ACCEPTED);
            s.setArray(3, c.createArrayOf("varchar", commandIds.toArray()));
            Set<String> claimed = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + commandIds.size() + " commands", e);
        }
    }

    /** Turns claims made by {@link #claimAllAccepted} into the rejections they ended as. */
    void markRejected(List<CommandResult> rejections) {
        String sql = "UPDATE events.processed_commands SET status = ?, error_code = ?, message = ? WHERE command_id = ?";
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (CommandResult rejection : rejections) {
                s.setString(1, CommandResult.REJECTED);
                s.setString(2, rejection.errorCode().name());
                s.setString(3, rejection.message());
                s.setString(4, rejection.commandId());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + rejections.size() + " rejections", e);
        }
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
