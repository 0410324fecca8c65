package io.lethe.app.infra;

import io.lethe.api.Topics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicPolicyTest {

    private static KafkaTopics.Spec spec(TopicPolicy policy, String topic) {
        return policy.specs().stream().filter(s -> s.name().equals(topic)).findFirst().orElseThrow();
    }

    @Test
    void eventsAreKeptForeverBecauseProjectionsAreRebuiltFromThem() {
        TopicPolicy policy = TopicPolicy.fromEnvironment(Map.of());
        assertThat(spec(policy, Topics.EVENTS).config()).containsEntry("retention.ms", "-1");
        assertThat(spec(policy, Topics.COMMANDS).config()).containsEntry("retention.ms", "604800000");
        assertThat(spec(policy, Topics.EVENTS_DLQ).config()).containsEntry("retention.ms", "2592000000");
        assertThat(policy.specs()).hasSize(Topics.all().size())
                .allSatisfy(s -> assertThat(s.replicationFactor()).as("the broker's default").isEmpty());
    }

    @Test
    void aClusterSetsReplicationAndMinInsyncReplicas() {
        TopicPolicy policy = TopicPolicy.fromEnvironment(Map.of("LETHE_TOPIC_REPLICATION_FACTOR", "3",
                "LETHE_TOPIC_MIN_INSYNC_REPLICAS", "2", "LETHE_COMMANDS_RETENTION_MS", "3600000"));
        assertThat(spec(policy, Topics.JOBS).replicationFactor()).contains((short) 3);
        assertThat(spec(policy, Topics.JOBS).config()).containsEntry("min.insync.replicas", "2")
                .containsEntry("retention.ms", "3600000");
        assertThat(spec(policy, Topics.EVENTS).config()).containsEntry("retention.ms", "-1");
    }

    @Test
    void aSettingThatIsNotAPositiveNumberStopsTheStart() {
        assertThatThrownBy(() -> TopicPolicy.fromEnvironment(Map.of("LETHE_TOPIC_REPLICATION_FACTOR", "three")))
                .hasMessageContaining("LETHE_TOPIC_REPLICATION_FACTOR");
    }
}
