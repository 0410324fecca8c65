package io.lethe.app.it;

import io.lethe.api.LetheException;
import io.lethe.api.commands.CommandParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Fast check of the corpus against the parser alone, so a wrong expectation shows up before the IT runs. */
class BadCommandCorpusTest {

    private final CommandParser parser = new CommandParser(BadCommandCorpus.MAX_COMMAND_BYTES);

    @Test
    void parseStageCasesAreRejectedByTheParserWithTheExpectedCode() {
        for (BadCommandCorpus.Case c : BadCommandCorpus.load("unit").cases()) {
            if (c.stage().equals("parse")) {
                LetheException e = catchThrowableOfType(LetheException.class, () -> parser.parse(c.value()));
                assertThat(e).as(c.name()).isNotNull();
                assertThat(e.errorCode()).as(c.name()).isEqualTo(c.code());
            }
        }
    }

    @Test
    void domainStageCasesGetPastTheParser() {
        for (BadCommandCorpus.Case c : BadCommandCorpus.load("unit").cases()) {
            if (c.stage().equals("domain")) {
                assertThat(parser.parse(c.value()).command()).as(c.name()).isNotNull();
            }
        }
    }
}
