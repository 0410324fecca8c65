package io.lethe.app.verify;

import io.lethe.api.Json;
import io.lethe.api.events.ComponentLineage;
import io.lethe.api.events.EventEnvelope;
import io.lethe.api.events.VersionCause;
import io.lethe.api.events.VersionCompletedEvent;
import io.lethe.api.ids.ModelId;
import io.lethe.api.jobs.ComponentKind;
import io.lethe.crypto.ledger.LedgerSecret;
import io.lethe.verifier.Lineage;
import io.lethe.verifier.VersionDigest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VersionDigestReplayTest {

    private static final LedgerSecret SECRET = LedgerSecret.of(new byte[32]);

    private static EventEnvelope completed(String claimedDigest) {
        List<String> records = Lineage.sorted(List.of(SECRET.recordCommitment("a"), SECRET.recordCommitment("b")));
        ComponentLineage backbone = new ComponentLineage("backbone", ComponentKind.BACKBONE, 0, 1, "w",
                Lineage.root(records), 2, records);
        String digest = claimedDigest != null ? claimedDigest : VersionDigest.of("m", 1, List.of(backbone));
        var event = new VersionCompletedEvent(ModelId.of("m"), 1, 0, VersionCause.TRAIN_BACKBONE, "m:v1", digest,
                Lineage.root(records), 2, List.of(backbone), Map.of(), Map.of());
        return new EventEnvelope("e1", "lethe.VersionCompleted", "Model", "m", 1, Instant.EPOCH,
                Json.mapper().valueToTree(event), 7);
    }

    @Test
    void anHonestVersionRecomputesToItsDigest() {
        Failures failures = new Failures();
        EventEnvelope event = completed(null);
        new VersionDigestReplay().apply(event, event.payload().orElseThrow(), failures);
        assertThat(failures.list()).isEmpty();
    }

    @Test
    void aVersionWhoseDigestDoesNotBindItsComponentsIsNamedByLeaf() {
        Failures failures = new Failures();
        EventEnvelope event = completed("forged");
        new VersionDigestReplay().apply(event, event.payload().orElseThrow(), failures);
        assertThat(failures.list()).singleElement().asString().contains("leaf 7").contains("digest");
    }
}
