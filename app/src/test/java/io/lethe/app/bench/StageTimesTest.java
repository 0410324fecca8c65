package io.lethe.app.bench;

import io.lethe.app.metrics.ProcessMetrics;
import io.lethe.command.PipelineStages;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StageTimesTest {

    private final PrometheusMeterRegistry registry = ProcessMetrics.newRegistry();

    @Test
    void perCommandTimesAreTheDifferenceBetweenTwoScrapesDividedByTheCommands() {
        Timer parse = PipelineStages.timer(registry, "intake.parse");
        Timer apply = PipelineStages.timer(registry, "project.apply");
        parse.record(Duration.ofMillis(40));
        StageTimes.Scrape before = StageTimes.parse(registry.scrape());

        parse.record(Duration.ofMillis(100));
        parse.record(Duration.ofMillis(100));
        apply.record(Duration.ofMillis(500));
        Map<String, Double> perCommand = StageTimes.perCommand(before, StageTimes.parse(registry.scrape()), 1_000);

        assertThat(perCommand.get("stageMicrosPerCommand.intake.parse")).isCloseTo(200.0, within(1e-6));
        assertThat(perCommand.get("stageMicrosPerCommand.project.apply")).isCloseTo(500.0, within(1e-6));
        assertThat(perCommand.get("commandsPerBatch.intake.parse")).isCloseTo(500.0, within(1e-6));
        assertThat(perCommand.get("commandsPerBatch.project.apply")).isCloseTo(1_000.0, within(1e-6));
    }

    @Test
    void stagesAreListedInTheOrderACommandGoesThroughThem() {
        for (String stage : List.of("project.apply", "publish.await", "axon.append", "intake.parse")) {
            PipelineStages.timer(registry, stage).record(Duration.ofMillis(1));
        }
        StageTimes.Scrape scrape = StageTimes.parse(registry.scrape());

        assertThat(StageTimes.perCommand(scrape, scrape, 1).keySet()).startsWith(
                "stageMicrosPerCommand.intake.parse", "stageMicrosPerCommand.axon.append",
                "stageMicrosPerCommand.publish.await", "stageMicrosPerCommand.project.apply");
    }

    @Test
    void theProjectionLagIsTheMeanOverTheEventsBetweenTheScrapes() {
        Timer lag = Timer.builder("lethe.projection.lag").register(registry);
        lag.record(Duration.ofMillis(1_000));
        StageTimes.Scrape before = StageTimes.parse(registry.scrape());

        lag.record(Duration.ofMillis(10));
        lag.record(Duration.ofMillis(30));

        assertThat(StageTimes.perCommand(before, StageTimes.parse(registry.scrape()), 2)
                .get("meanPublishToProjectionMillis")).isCloseTo(20.0, within(1e-6));
    }
}
