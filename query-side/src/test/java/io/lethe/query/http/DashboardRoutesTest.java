package io.lethe.query.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard ships in the jar, and its page fetches nothing from outside the server. */
class DashboardRoutesTest {

    @Test
    void theDashboardFilesAreOnTheClasspath() {
        for (String file : new String[] {"index.html", "dashboard.css", "dashboard.js", "api.js", "dom.js",
                "models.js", "erasures.js", "log.js", "costs.js", "charts.js", "favicon.svg"}) {
            assertThat(DashboardRoutes.load(file)).as(file).isPresent();
        }
    }

    @Test
    void noFileReferencesAnotherOrigin() {
        for (String file : new String[] {"index.html", "dashboard.css", "dashboard.js", "charts.js", "erasures.js"}) {
            String text = new String(DashboardRoutes.load(file).orElseThrow(), StandardCharsets.UTF_8);
            // The SVG namespace URI is an identifier, never fetched.
            assertThat(text.replace("http://www.w3.org/2000/svg", "")).as(file)
                    .doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
    }

    @Test
    void unknownFilesAreAbsent() {
        assertThat(DashboardRoutes.load("missing.js")).isEmpty();
    }
}
