package io.lethe.command.intake;

import io.lethe.api.CommandResult;
import io.lethe.api.ErrorCode;
import io.lethe.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reply the broker refuses must stop the offsets from being committed (the intake then answers again). */
class RepliesTest {

    private static final ConsumerRecord<String, byte[]> COMMAND = new ConsumerRecord<>(Topics.COMMANDS, 1, 7, "k",
            "{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void aReplyThatIsNotAcknowledgedFailsTheAwait() {
        MockProducer<String, byte[]> broker = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        Replies replies = new Replies(broker);
        replies.reply(COMMAND, CommandResult.accepted("c-1"));
        replies.reply(COMMAND, CommandResult.rejected("c-2", ErrorCode.MALFORMED_JSON, "bad"));
        assertThat(broker.history()).as("the reply and the dead letter").hasSize(3);

        broker.completeNext();
        broker.errorNext(new NotEnoughReplicasException("ISR below min.insync.replicas"));
        broker.completeNext();
        assertThatThrownBy(replies.sent()::await).isInstanceOf(KafkaException.class)
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
    }

    @Test
    void acknowledgedRepliesAreAwaitedAndTheNextBatchStartsClean() throws Exception {
        MockProducer<String, byte[]> broker = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        Replies replies = new Replies(broker);
        replies.reply(COMMAND, CommandResult.accepted("c-1"));
        CompletableFuture.runAsync(replies.sent()::await).get();
        assertThat(broker.history()).hasSize(1);
        assertThat(new String(broker.history().get(0).headers().lastHeader(Replies.ORIGINAL_OFFSET_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("lethe.commands-1@7");
    }
}
