package io.lethe.query.http;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code query.access_tokens}: named bearer tokens by SHA-256, with their role; revoked ones stay for the record. */
final class AccessTokens {

    /** A live token as listed to admins: never its hash. */
    record TokenInfo(String name, String role, Instant createdAt) {
    }

    private final DataSource db;

    AccessTokens(DataSource db) {
        this.db = db;
    }

    Optional<Role> liveRole(byte[] tokenHash) {
        String sql = "SELECT role FROM query.access_tokens WHERE token_hash = ? AND revoked_at IS NULL";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, tokenHash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Role.parse(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read access tokens", e);
        }
    }

    /** Stores a new token; false when a live token already has this name. */
    boolean create(String name, Role role, byte[] tokenHash, Instant createdAt) {
        String sql = "INSERT INTO query.access_tokens (token_hash, name, role, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, tokenHash);
            s.setString(2, name);
            s.setString(3, role.wireName());
            s.setObject(4, java.sql.Timestamp.from(createdAt));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store access token " + name, e);
        }
    }

    /** Revokes the live token of this name; false when there is none. */
    boolean revoke(String name) {
        String sql = "UPDATE query.access_tokens SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke access token " + name, e);
        }
    }

    List<TokenInfo> live() {
        String sql = "SELECT name, role, created_at FROM query.access_tokens WHERE revoked_at IS NULL ORDER BY name";
        List<TokenInfo> tokens = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tokens.add(new TokenInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
            return tokens;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list access tokens", e);
        }
    }
}
