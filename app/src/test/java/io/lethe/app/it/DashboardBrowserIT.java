package io.lethe.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.api.Json;
import io.lethe.api.Topics;
import io.lethe.app.LetheNode;
import io.lethe.app.infra.Infrastructure;
import io.lethe.app.infra.LetheInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.lethe.app.it.CommandsFixture.deploy;
import static io.lethe.app.it.CommandsFixture.forgetSubject;
import static io.lethe.app.it.CommandsFixture.ingestOrlSubject;
import static io.lethe.app.it.CommandsFixture.learn;
import static io.lethe.app.it.CommandsFixture.registerModel;
import static io.lethe.app.it.CommandsFixture.subjects;
import static io.lethe.app.it.CommandsFixture.trainBackbone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compliance dashboard in a real headless Chromium (Debian's, driven by Selenium through Debian's
 * chromedriver, both installed by {@link BrowserBinaries} when missing) against the embedded stack: a small face scenario seeded through Kafka (ORL subjects 1-5,
 * backbone on 1-3, two LoRA slices on 4-5, forget subject 5, deploy) must show up as the model, its three versions with a
 * guarantee badge, a verified checkpoint and the cost charts. Where the server offers the erasure workflow
 * ({@code /api/erasures} answers), an erasure is requested and must appear with its certificate links. A
 * screenshot is saved to {@code app/target/dashboard.png}.
 */
@ExtendWith(LetheInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final String TOKEN = "dashboard-it-token";
    private static final Duration JOB = Duration.ofMinutes(4);
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "face-dash-" + run;
    private final String people = "d" + run + "-";
    private LetheNode node;
    private NodeApi api;
    private KafkaTestClient kafka;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start(Infrastructure infrastructure) throws Exception {
        browser = startBrowser();
        node = LetheNode.start(infrastructure, Map.of(), 0, TOKEN);
        api = new NodeApi(node.httpPort(), TOKEN);
        kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (node != null) {
            node.close();
        }
        deleteQuietly(profile);
    }

    @Test
    void dashboardShowsTheSeededModelItsGuaranteesTheCheckpointAndTheCosts() throws Exception {
        seedFaceScenario();
        signCheckpoint();

        browser.get(api.base() + "/?token=" + TOKEN);
        try {
            assertModelAndVersions();
            assertCheckpointAndCosts();
            if (erasuresOffered()) {
                requestErasureAndSeeItsCertificate();
            }
        } finally {
            screenshot();
        }
    }

    /** Three versions: the backbone (v1), two LoRA slices (v2), the EXACT forget (v3, deployed). */
    private void assertModelAndVersions() {
        By card = By.cssSelector("article.model[data-model-id='" + model + "']");
        awaitElement(card);
        assertThat(browser.getCurrentUrl()).as("the token is taken out of the address").doesNotContain("token=");
        // Elements are looked up inside each check: the page re-renders a panel when its data changes.
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() -> {
            WebElement model = browser.findElement(card);
            assertThat(model.findElements(By.cssSelector("tr.version"))).hasSize(3);
            assertThat(model.findElement(By.cssSelector("tr.version[data-version='3'] .badge")).getText())
                    .isEqualTo("EXACT");
            assertThat(model.findElement(By.cssSelector("tr.is-deployed")).getAttribute("data-version"))
                    .isEqualTo("3");
            assertThat(model.findElement(By.cssSelector(".deployed-pill")).getText()).isEqualTo("deployed v3");
        });
    }

    private void assertCheckpointAndCosts() {
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("log-verdict")).getAttribute("data-verified")).isEqualTo("true");
            assertThat(fact("checkpoint-size")).contains("leaves");
        });
        By costs = By.cssSelector(".cost-model[data-model-id='" + model + "']");
        awaitElement(costs);
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() -> {
            WebElement panel = browser.findElement(costs);
            assertThat(panel.findElements(By.cssSelector("svg.chart rect.bar"))).hasSize(3);
            assertThat(panel.getText()).contains("Training energy").contains("lower");
            // A ratio below 1 reads as the inverse factor "higher", never as "0.4× lower".
            assertThat(panel.getText()).doesNotContainPattern("\\b0\\.\\d+× lower");
        });
    }

    private void seedFaceScenario() throws Exception {
        for (int subject = 1; subject <= 5; subject++) {
            send(ingestOrlSubject("ingest-" + run + "-" + subject, subject, people));
        }
        send(registerModel("register-" + run, model, "face"));
        send(trainBackbone("backbone-" + run, model, subjects(people, 1, 3), 7));
        send(learn("learn-" + run, model, subjects(people, 4, 5), 2, 6, 100));
        api.awaitVersion(model, 2, JOB);
        send(forgetSubject("forget-" + run, model, people + "s5", null));
        api.awaitVersion(model, 3, JOB);
        send(deploy("deploy-" + run, model, 3));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/models/" + model).path("deployedVersion").asInt() == 3);
    }

    /** Signs a checkpoint now instead of waiting for the schedule, so the page has one to verify. */
    private void signCheckpoint() throws Exception {
        HttpResponse<String> signed = api.send(api.request("/api/log/checkpoint")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    /** The erasure part switches on by the route's presence: a server without the workflow answers 404. */
    private boolean erasuresOffered() throws Exception {
        int status = api.raw("/api/erasures").statusCode();
        System.out.println("GET /api/erasures -> " + status + (status == 404 ? " (erasure part skipped)" : ""));
        return status != 404;
    }

    private void requestErasureAndSeeItsCertificate() throws Exception {
        HttpResponse<String> filed = api.send(api.request("/api/erasures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"" + people + "s4\","
                        + "\"requestedBy\":\"dashboard-it\"}")));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        String erasureId = Json.mapper().readTree(filed.body()).get("erasureId").asText();
        await().atMost(JOB).pollInterval(Duration.ofSeconds(1)).until(() ->
                "COMPLETED".equals(api.get("/api/erasures/" + erasureId).path("status").asText()));
        // The certificate is issued once a signed checkpoint covers the completion event.
        signCheckpoint();

        By erasure = By.cssSelector("li.erasure[data-erasure-id='" + erasureId + "']");
        awaitElement(erasure);
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() -> {
            WebElement item = browser.findElement(erasure);
            assertThat(item.getAttribute("data-status")).isEqualTo("COMPLETED");
            assertThat(item.findElement(By.cssSelector("a.cert-view")).getText()).isEqualTo("View certificate");
            assertThat(item.findElement(By.cssSelector("a.cert-download")).getText()).contains("Download");
        });
        assertCertificateOpens(browser.findElement(erasure).findElement(By.cssSelector("a.cert-view")));
        assertThat(api.get("/api/erasures/" + erasureId).path("certificateAvailable").asBoolean()).isTrue();
        // The stack is shared: other tests' erasures may have certificates too, so the tile must agree with the API.
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() -> {
            long issued = certificatesIssued();
            assertThat(issued).isPositive();
            assertThat(browser.findElement(By.id("summary")).getText())
                    .contains(issued + (issued == 1 ? " certificate issued" : " certificates issued"));
        });
    }

    private long certificatesIssued() throws Exception {
        long issued = 0;
        for (JsonNode erasure : api.get("/api/erasures")) {
            issued += erasure.path("certificateAvailable").asBoolean() ? 1 : 0;
        }
        return issued;
    }

    /** The view link fetches the HTML certificate with the token and opens it in a new tab. */
    private void assertCertificateOpens(WebElement link) {
        String dashboard = browser.getWindowHandle();
        link.click();
        await().atMost(PAGE).until(() -> browser.getWindowHandles().size() == 2);
        String tab = browser.getWindowHandles().stream().filter(h -> !h.equals(dashboard)).findFirst().orElseThrow();
        browser.switchTo().window(tab);
        await().atMost(PAGE).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.tagName("body")).getText()).containsIgnoringCase("certificate"));
        browser.close();
        browser.switchTo().window(dashboard);
    }

    private String fact(String field) {
        return browser.findElement(By.cssSelector("#checkpoint [data-field='" + field + "'] dd")).getText();
    }

    private void awaitElement(By by) {
        await().atMost(PAGE).ignoreExceptions().until(() -> !browser.findElements(by).isEmpty());
    }

    /** Lays the whole page out in one viewport first: Chromium's driver shoots the viewport only. */
    private void screenshot() throws Exception {
        long height = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 1440, "height", Math.min(height, 8000), "deviceScaleFactor", 1, "mobile", false));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("dashboard screenshot: " + SCREENSHOT.toAbsolutePath());
    }

    private WebDriver startBrowser() throws Exception {
        BrowserBinaries binaries = BrowserBinaries.require();
        profile = Files.createTempDirectory("lethe-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries.chromium().toFile());
        // Flags from the machine notes: no background networking, so the closed network is never dialled.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.chromedriver().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void send(String command) throws Exception {
        kafka.send(Topics.COMMANDS, model, command);
    }

    private static void deleteQuietly(Path dir) throws Exception {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // Chromium may still be flushing its profile; a leftover temp directory is harmless.
        }
    }
}
