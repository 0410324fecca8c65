package io.lethe.command.records;

import io.lethe.api.commands.Selector;
import io.lethe.api.ids.RecordId;
import io.lethe.api.ids.SubjectId;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.Lineage;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link RecordRegistry} over {@code vault.records}: raw ids become pseudonyms here, and only here. */
public final class JdbcRecordRegistry implements RecordRegistry {

    private final ConnectionProvider connections;
    private final LedgerSecret secret;

    public JdbcRecordRegistry(ConnectionProvider connections, LedgerSecret secret) {
        this.connections = connections;
        this.secret = secret;
    }

    @Override
    public Selection select(Selector selector) {
        Map<String, String> byCommitment = commitmentsOf(selector.recordIds());
        StringBuilder sql = new StringBuilder("SELECT commitment, subject_pseudonym FROM vault.records WHERE dataset = ?");
        List<Object> parameters = new ArrayList<>(List.of(selector.dataset()));
        narrow(sql, parameters, "subject_pseudonym", java.util.stream.Stream.concat(
                selector.subjects().stream().map(secret::subjectPseudonym), selector.subjectPseudonyms().stream())
                .distinct().toList());
        narrow(sql, parameters, "label_pseudonym",
                selector.labels().stream().map(label -> secret.labelPseudonym(selector.dataset(), label)).toList());
        narrow(sql, parameters, "commitment", new ArrayList<>(byCommitment.keySet()));
        Map<String, String> found = pairs(sql.toString(), parameters.toArray());
        return new Selection(Lineage.sorted(found.keySet()), unknown(byCommitment, existing(byCommitment.keySet())),
                found);
    }

    @Override
    public Selection forgetTargets(SubjectId subjectId, List<RecordId> recordIds) {
        Map<String, String> byCommitment = commitmentsOf(recordIds.stream().map(RecordId::value).toList());
        Map<String, String> targets = new HashMap<>(pairs(
                "SELECT commitment, subject_pseudonym FROM vault.records WHERE commitment = ANY(?)",
                new ArrayList<>(byCommitment.keySet())));
        if (subjectId != null) {
            targets.putAll(pairs("SELECT commitment, subject_pseudonym FROM vault.records WHERE subject_pseudonym = ?",
                    secret.subjectPseudonym(subjectId.value())));
        }
        return new Selection(Lineage.sorted(targets.keySet()), unknown(byCommitment, targets.keySet()), targets);
    }

    /** Every criterion a selector gives narrows the selection; an absent one does not. */
    private static void narrow(StringBuilder sql, List<Object> parameters, String column, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" = ANY(?)");
            parameters.add(values);
        }
    }

    @Override
    public Selection recordsOfPseudonym(String subjectPseudonym) {
        Map<String, String> records = pairs(
                "SELECT commitment, subject_pseudonym FROM vault.records WHERE subject_pseudonym = ?", subjectPseudonym);
        return new Selection(Lineage.sorted(records.keySet()), List.of(), records);
    }

    private Map<String, String> commitmentsOf(List<String> recordIds) {
        Map<String, String> byCommitment = new HashMap<>();
        recordIds.forEach(id -> byCommitment.put(secret.recordCommitment(id), id));
        return byCommitment;
    }

    private Set<String> existing(Set<String> commitments) {
        return pairs("SELECT commitment, subject_pseudonym FROM vault.records WHERE commitment = ANY(?)",
                new ArrayList<>(commitments)).keySet();
    }

    private static List<String> unknown(Map<String, String> byCommitment, Set<String> known) {
        return byCommitment.entrySet().stream().filter(e -> !known.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
    }

    /** Runs a query of (key, value) rows whose parameters are strings or lists of strings (sent as varchar[]). */
    private Map<String, String> pairs(String sql, Object... parameters) {
        try (Connection c = connections.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int index = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof List<?> list) {
                    s.setArray(index++, c.createArrayOf("varchar", list.toArray()));
                } else {
                    s.setString(index++, (String) parameter);
                }
            }
            Map<String, String> rows = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the record registry", e);
        }
    }
}
