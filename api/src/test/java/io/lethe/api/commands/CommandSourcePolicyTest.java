package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandSourcePolicyTest {

    private static final String COMPLETE_JOB = "{\"specversion\":\"1.0\",\"id\":\"job-result:j\",\"source\":\"%s\","
            + "\"type\":\"lethe.CompleteJob\",\"data\":{\"modelId\":\"m\",\"jobId\":\"j\",\"version\":1,"
            + "\"status\":\"failed\",\"reason\":\"r\"}}";

    @Test
    void byDefaultOnlyWorkersMaySendJobResultsAndAnyoneTheRest() {
        CommandSourcePolicy policy = CommandSourcePolicy.DEFAULT;

        assertThat(policy.allows("lethe.CompleteJob", "lethe-worker")).isTrue();
        assertThat(policy.allows("lethe.CompleteJob", "producer")).isFalse();
        assertThat(policy.allows("lethe.RegisterModel", "anything")).isTrue();
    }

    @Test
    void withoutAFallbackRuleUnlistedTypesAreRefused() {
        CommandSourcePolicy policy = CommandSourcePolicy.parse("lethe.RegisterModel=ml-platform, notebook");

        assertThat(policy.allows("lethe.RegisterModel", "notebook")).isTrue();
        assertThat(policy.allows("lethe.RegisterModel", "other")).isFalse();
        assertThat(policy.allows("lethe.Learn", "ml-platform")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lethe.Nope=x", "lethe.Learn=", "lethe.Learn", "lethe.Learn=a;lethe.Learn=b"})
    void misconfiguredPoliciesFailAtStartUp(String spec) {
        assertThatThrownBy(() -> CommandSourcePolicy.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theParserRejectsAJobResultFromAnotherSourceBeforeReadingItsData() {
        CommandParser parser = new CommandParser(4096);
        byte[] forged = String.format(COMPLETE_JOB, "impostor").getBytes(StandardCharsets.UTF_8);
        byte[] genuine = String.format(COMPLETE_JOB, "lethe-worker").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOfSatisfying(LetheException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHORISED_SOURCE));
        assertThat(parser.parse(genuine).command()).isInstanceOf(CompleteJobCommand.class);
        assertThat(ErrorCode.UNAUTHORISED_SOURCE.isMalformedInput()).as("dead-lettered").isTrue();
    }
}
