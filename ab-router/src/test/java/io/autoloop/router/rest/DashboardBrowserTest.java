package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.Browser;
import io.autoloop.router.testing.DashboardSeed;
import io.autoloop.router.testing.FastRolloutProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a running router whose experiment has history (see
 * {@link DashboardSeed}): every page shows the admin API's numbers, pausing needs the admin key and a confirmation and
 * then shows the new phase, the page follows changes without a reload, every asset comes from the router, the
 * overview reads at phone width, and a banner on every page follows the retrainer's report on the training.
 * Screenshots go to {@code target/dashboard/}.
 */
@QuarkusTest
@TestProfile(FastRolloutProfile.Dashboard.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final int DESKTOP = 1280;
    private static final int PHONE = 390;
    private static final Duration UPDATE = Duration.ofSeconds(8);

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "router.model-name")
    String model;

    @Inject
    RedisDataSource redis;

    private DashboardSeed.Seeded seeded;
    private WebDriver browser;

    @BeforeAll
    void seedAndStartTheBrowser() {
        Browser.ensureInstalled();
        seeded = DashboardSeed.run(redis, model, root.toString());
        browser = Browser.start(DESKTOP, 900);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void overviewShowsTheApiNumbersOfEveryExperimentAndReadsAtPhoneWidth() {
        // Given the admin API's view of the seeded experiment
        JsonPath api = adminView(seeded.experimentId());

        // When the overview is opened
        open("#/");
        WebElement row = waitFor(By.cssSelector("tr[data-experiment-id='" + seeded.experimentId() + "']"));

        // Then its row shows the same numbers
        assertThat(field(row, "phase")).isEqualTo(api.getString("phase"));
        assertThat(field(row, "champion")).isEqualTo(api.getString("champion"));
        assertThat(field(row, "challenger")).isEqualTo(api.getString("challenger"));
        assertThat(field(row, "weight")).isEqualTo(weight(api.getDouble("challengerWeight")));
        assertThat(field(row, "lift")).isEqualTo(signed(api.getDouble("lift.estimate")));
        assertThat(field(row, "lift-lower")).isEqualTo(signed(api.getDouble("lift.lower")));
        assertThat(field(row, "lift-upper")).isEqualTo(signed(api.getDouble("lift.upper")));
        assertThat(field(row, "p-value")).isEqualTo(pValue(api.getDouble("lift.alwaysValidPValue")));
        assertThat(field(row, "champion-impressions"))
                .isEqualTo(count(arm(api, "champion").get("impressions")));
        assertThat(field(row, "challenger-impressions"))
                .isEqualTo(count(arm(api, "challenger").get("impressions")));
        assertThat(field(row, "last-transition")).startsWith("advance at ");
        assertThat(field(row, "alerts")).isEqualTo("none");
        assertThat(screenshot("overview", DESKTOP)).isRegularFile();
        assertThat(overflowing()).isEmpty();

        // And at phone width the row is still there and nothing scrolls sideways
        Path phone = screenshot("overview-phone", PHONE);
        assertThat(overflowing()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("tr[data-experiment-id='" + seeded.experimentId() + "']"))
                        .isDisplayed())
                .isTrue();
        assertThat(phone).isRegularFile();
        browser.manage().window().setSize(new Dimension(DESKTOP, 900));
    }

    @Test
    @Order(2)
    void experimentPageShowsEvidenceChartsGuardrailsAndTheRolloutHistory() {
        JsonPath api = adminView(seeded.experimentId());
        JsonPath dashboard = given().get("/v1/dashboard/experiments/" + seeded.experimentId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        open("#/experiments/" + seeded.experimentId());
        waitFor(By.cssSelector("#history-table tbody tr"));
        WebElement summary = browser.findElement(By.id("experiment-summary"));

        assertThat(field(summary, "phase")).isEqualTo(api.getString("phase"));
        assertThat(field(summary, "weight")).isEqualTo(weight(api.getDouble("challengerWeight")));
        assertThat(field(summary, "lift")).isEqualTo(signed(api.getDouble("lift.estimate")));
        assertThat(field(summary, "p-analysis")).isEqualTo(pValue(api.getDouble("lift.pValue")));
        assertThat(field(summary, "p-value")).isEqualTo(pValue(api.getDouble("lift.alwaysValidPValue")));
        for (String arm : List.of("champion", "challenger")) {
            WebElement armRow = summary.findElement(By.cssSelector("tr[data-arm='" + arm + "']"));
            Map<String, Object> expected = arm(api, arm);
            assertThat(field(armRow, "impressions")).isEqualTo(count(expected.get("impressions")));
            assertThat(field(armRow, "clicks")).isEqualTo(count(expected.get("clicks")));
            assertThat(field(armRow, "ctr")).isEqualTo(percent(((Number) expected.get("ctr")).doubleValue()));
        }

        // The ramp: where the rollout stands, its bounds and the traffic the decision still needs.
        assertThat(field(summary, "stage")).isEqualTo(api.getString("ramp.stage") + " step");
        assertThat(field(summary, "gain-p")).isEqualTo(pValue(api.getDouble("ramp.gainPValue")));
        assertThat(field(summary, "harm-p")).isEqualTo(pValue(api.getDouble("ramp.harmPValue")));
        assertThat(field(summary, "futility-upper")).isEqualTo(signed(api.getDouble("ramp.futilityUpper")));
        assertThat(field(summary, "impressions-to-decide")).isEqualTo(count(api.get("ramp.impressionsToDecide")));
        assertThat(field(summary, "ramp")).startsWith("safety 5 % → 10 % → 25 % → decision 50 %");

        // The rollout history, newest first, with its actions and weights.
        List<String> actions = api.getList("history.action", String.class);
        List<WebElement> history = browser.findElements(By.cssSelector("#history-table tbody tr"));
        assertThat(history).hasSize(actions.size());
        assertThat(history.stream().map(r -> field(r, "action")).toList())
                .containsExactly("advance", "advance", "start", "create");
        assertThat(field(history.get(0), "to-weight")).isEqualTo("10 % → 25 %");

        // Guardrails and the sample-ratio status, as the latest analysis has them.
        List<String> guardrails = api.getList("guardrails.guardrail", String.class);
        assertThat(browser.findElements(By.cssSelector("#guardrail-table tbody tr")))
                .extracting(r -> r.getAttribute("data-guardrail"))
                .containsExactlyElementsOf(guardrails);
        String calibration = api.getString("guardrails.find { it.guardrail == 'CALIBRATION' }.status");
        assertThat(field(browser.findElement(By.cssSelector("tr[data-guardrail='CALIBRATION']")), "status"))
                .endsWith(calibration.toLowerCase(Locale.ROOT).replace('_', ' '));
        assertThat(browser.findElement(By.cssSelector("#srm [data-field='srm-p']"))
                        .getText())
                .isEqualTo(api.get("srmPValue") == null ? "—" : pValue(api.getDouble("srmPValue")));

        // The charts: one weight step per transition that changed it, CTR and lift drawn from the analyses.
        assertThat(browser.findElements(By.cssSelector("#chart-weight .point")))
                .hasSize(dashboard.getList("weights").size());
        int analyses = browser.findElements(By.cssSelector("#chart-ctr [data-series='champion'] .point"))
                .size();
        assertThat(analyses).isGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#chart-ctr .band"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#chart-lift .band"))).hasSize(1);
        // The lift axis stops at ±100 %, so however wide the early interval, its labels read in full.
        assertThat(browser.findElements(By.cssSelector("#chart-lift > g > text:not(.ref-label)")))
                .extracting(WebElement::getText)
                .filteredOn(label -> label.endsWith(" %"))
                .allSatisfy(label -> assertThat(label).matches("[+-]?\\d{1,3} %"));
        assertThat(browser.findElements(By.cssSelector("#chart-lift .ref"))).hasSize(1);
        assertThat(screenshot("experiment", DESKTOP)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        assertThat(screenshot("experiment-phone", PHONE)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        browser.manage().window().setSize(new Dimension(DESKTOP, 900));
    }

    @Test
    @Order(3)
    void modelsPageShowsProvenanceMetricsCalibrationAndWhatEachArmServes() {
        open("#/models");
        waitFor(By.cssSelector("#calibration figure"));

        WebElement championRow = versionRow(seeded.champion().version());
        WebElement challengerRow = versionRow(seeded.challenger().version());
        assertThat(field(championRow, "serves")).isEqualTo("champion");
        assertThat(field(challengerRow, "serves")).isEqualTo("challenger");
        assertThat(challengerRow.getText()).contains(seeded.champion().version());
        assertThat(field(challengerRow, "samples-seen"))
                .isEqualTo(count(seeded.challenger().samplesSeen()));
        assertThat(field(challengerRow, "log-loss"))
                .isEqualTo(decimal(seeded.challenger().metrics().logLoss(), 4));
        assertThat(field(challengerRow, "auc"))
                .isEqualTo(decimal(seeded.challenger().metrics().auc(), 4));
        assertThat(field(challengerRow, "calibration"))
                .isEqualTo(decimal(seeded.challenger().metrics().calibration(), 3));
        for (ErrorReport report : seeded.reports()) {
            WebElement row = versionRow(report.modelVersion());
            assertThat(field(row, "report-samples")).isEqualTo(count(report.samples()));
            assertThat(field(row, "observed-over-predicted"))
                    .isEqualTo(decimal(report.observedCtr() / report.meanPrediction(), 3));
            long filled = report.calibration().stream()
                    .filter(bucket -> bucket.samples() > 0)
                    .count();
            assertThat(browser.findElements(By.cssSelector(
                            "#calibration figure[data-version='" + report.modelVersion() + "'] .bucket")))
                    .hasSize((int) filled);
        }
        assertThat(screenshot("models", DESKTOP)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        browser.manage().window().setSize(new Dimension(DESKTOP, 900));
    }

    @Test
    @Order(4)
    void pausingNeedsTheAdminKeyAndAConfirmationAndThePageFollowsChangesWithoutAReload() {
        open("#/experiments/" + seeded.experimentId());
        waitFor(By.cssSelector("#history-table tbody tr"));
        script("window.dashboardNotReloaded = true;");

        // A wrong key is refused and nothing changes.
        browser.findElement(By.id("admin-key")).sendKeys("not-the-admin-key");
        browser.findElement(By.id("action-pause")).click();
        confirm("confirm-ok");
        waitForText(By.id("action-message"), "refused (401)");
        assertThat(adminView(seeded.experimentId()).getString("phase")).isEqualTo("PROGRESSING");

        // Cancelling the confirmation changes nothing either.
        WebElement key = browser.findElement(By.id("admin-key"));
        key.clear();
        key.sendKeys("autoloop-dev-admin-key");
        browser.findElement(By.id("action-pause")).click();
        confirm("confirm-cancel");
        waitForText(By.id("action-message"), "Cancelled");
        assertThat(adminView(seeded.experimentId()).getString("phase")).isEqualTo("PROGRESSING");

        // The admin key and a confirmation pause it, and the page shows the new phase and its alert.
        browser.findElement(By.id("action-reason")).sendKeys("checking the dashboard");
        browser.findElement(By.id("action-pause")).click();
        confirm("confirm-ok");
        waitForText(By.cssSelector("#experiment-summary [data-field='phase']"), "PAUSED");
        JsonPath paused = adminView(seeded.experimentId());
        assertThat(paused.getString("phase")).isEqualTo("PAUSED");
        assertThat(paused.getString("history[-1].reason")).isEqualTo("Paused by admin: checking the dashboard");
        assertThat(browser.findElement(By.cssSelector("#experiment-summary [data-alert='PAUSED']"))
                        .isDisplayed())
                .isTrue();
        assertThat(field(
                        browser.findElements(By.cssSelector("#history-table tbody tr"))
                                .get(0),
                        "action"))
                .isEqualTo("pause");
        assertThat(browser.findElement(By.id("action-pause")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("action-resume")).isEnabled()).isTrue();
        assertThat(screenshot("experiment-paused", DESKTOP)).isRegularFile();

        // The overview marks the paused experiment's row and names the problem.
        browser.findElement(By.cssSelector("a[data-nav='overview']")).click();
        WebElement row = waitFor(By.cssSelector("tr.has-alert[data-experiment-id='" + seeded.experimentId() + "']"));
        assertThat(field(row, "phase")).isEqualTo("PAUSED");
        assertThat(row.findElement(By.cssSelector("[data-alert='PAUSED']")).getText())
                .startsWith("paused:");
        assertThat(screenshot("overview-alert", DESKTOP)).isRegularFile();
        row.findElement(By.linkText(seeded.experimentId())).click();
        waitForText(By.cssSelector("#experiment-summary [data-field='phase']"), "PAUSED");

        // A change made elsewhere (the admin API) shows up without a reload.
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + seeded.experimentId() + "/resume")
                .then()
                .statusCode(200);
        waitForText(By.cssSelector("#experiment-summary [data-field='phase']"), "PROGRESSING");
        assertThat(script("return window.dashboardNotReloaded === true;")).isEqualTo(true);
    }

    @Test
    @Order(5)
    void everyAssetComesFromTheRouterAndEveryControlHasALabel() {
        open("#/experiments/" + seeded.experimentId());
        waitFor(By.cssSelector("#history-table tbody tr"));

        List<?> foreign = (List<?>) script("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => !n.startsWith(location.origin));");
        assertThat(foreign).isEmpty();
        assertThat(script("return performance.getEntriesByType('resource').length;"))
                .isNotEqualTo(0L);
        List<?> unlabelled = (List<?>) script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.labels.length === 0).map(c => c.id);");
        assertThat(unlabelled).isEmpty();
        List<?> nameless = (List<?>)
                script("return [...document.querySelectorAll('button')].filter(b => !b.textContent.trim()).length"
                        + " === 0 ? [] : ['a button without text'];");
        assertThat(nameless).isEmpty();
    }

    @Test
    @Order(6)
    void anUnknownExperimentIsReportedInThePage() {
        open("#/experiments/no-such-experiment");

        waitForText(
                By.cssSelector("#experiment-summary [role='alert']"), "There is no experiment 'no-such-experiment'.");
        assertThat(browser.findElement(By.id("live-text")).getText()).startsWith("Not updating:");
    }

    @Test
    @Order(7)
    void aBannerOnEveryPageFollowsTheRetrainersReportOnTheTraining() {
        // Given the retrainer reports that one partition's records wait and are not learned
        String stalled = "Partition training.samples-2 has 40 records waiting but its offset has not moved for 200 s.";
        reportTraining(TrainerHealth.State.STALLED, stalled, Instant.now().plusSeconds(60));

        // When the overview is open, then the banner names the problem in the retrainer's words, with its numbers
        open("#/");
        WebElement alert = waitFor(By.cssSelector("#training-banner [data-alert='TRAINING_STALLED']"));
        assertThat(alert.getText()).isEqualTo("training stalled: Training is stalled: " + stalled);
        WebElement banner = browser.findElement(By.id("training-banner"));
        assertThat(field(banner, "training-state")).isEqualTo("stalled");
        assertThat(field(banner, "training-numbers")).contains("40 records waiting", "1 refused as non-finite updates");
        assertThat(screenshot("training-stalled", DESKTOP)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        assertThat(screenshot("training-stalled-phone", PHONE)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        browser.manage().window().setSize(new Dimension(DESKTOP, 900));

        // ... and on the models page as well
        open("#/models");
        waitFor(By.cssSelector("#training-banner [data-alert='TRAINING_STALLED']"));
        script("window.dashboardNotReloaded = true;");

        // When training learns again, the banner goes without a reload
        reportTraining(TrainerHealth.State.HEALTHY, null, Instant.now().plusSeconds(60));
        new WebDriverWait(browser, UPDATE)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("training-banner")));

        // When the retrainer stops reporting (its last report goes stale), the banner says so
        reportTraining(TrainerHealth.State.HEALTHY, null, Instant.now().minusSeconds(1));
        waitFor(By.cssSelector("#training-banner [data-alert='TRAINING_UNREPORTED']"));
        assertThat(script("return window.dashboardNotReloaded === true;")).isEqualTo(true);
        redis.key().del(RedisKeys.trainerHealth(model));
    }

    /** Writes the retrainer's report on the training, as its active trainer would. */
    @Test
    @Order(8)
    void modelsPageShowsEachLineageWithItsConfigurationRefreshesAndRevertsAndEachArmsCtr() {
        JsonPath api = given().get("/v1/dashboard/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        open("#/models");
        waitFor(By.cssSelector("#lineages article.lineage"));

        // Which lineage each arm serves, in the summary.
        assertThat(browser.findElements(By.cssSelector("#models-summary [data-field='lineage']")))
                .extracting(WebElement::getText)
                .containsExactly(
                        "of " + api.getString("championLineage.name"), "of " + api.getString("challengerLineage.name"));

        // Each registered lineage with its configuration, current version and status, as the API has them.
        for (Lineage lineage : seeded.lineages()) {
            String id = lineage.ref().id();
            Map<String, Object> expected = api.getMap("lineages.find { it.id == '" + id + "' }");
            WebElement card = browser.findElement(By.cssSelector("article[data-lineage='" + id + "']"));
            assertThat(field(card, "current")).isEqualTo(expected.get("current"));
            assertThat(field(card, "config")).isEqualTo(configText(lineage.config()));
            assertThat(field(card, "retired")).isEqualTo("training");
        }
        WebElement champions = browser.findElement(By.cssSelector(
                "article[data-lineage='" + seeded.lineages().get(0).ref().id() + "']"));
        assertThat(field(champions, "current")).isEqualTo(seeded.champion().version());
        assertThat(field(champions, "reverted")).isEqualTo(seeded.reverted().version());

        // Its refresh history, newest first: the refresh with its gate numbers, then the guard's revert.
        String path =
                "lineages.find { it.id == '" + seeded.lineages().get(0).ref().id() + "' }.refreshes";
        assertThat(champions.findElements(By.cssSelector("table.refreshes tbody tr")))
                .extracting(row -> row.getAttribute("data-kind"))
                .containsExactlyElementsOf(api.getList(path + ".kind", String.class))
                .containsExactly("REVERT", "REFRESH");
        WebElement revert = champions.findElement(By.cssSelector("tr[data-kind='REVERT']"));
        assertThat(field(revert, "versions"))
                .isEqualTo(
                        seeded.reverted().version() + " → " + seeded.champion().version());
        assertThat(field(revert, "reason"))
                .isEqualTo(api.getString(path + "[0].reason"))
                .contains("miscalibrated");
        String gate = champions
                .findElement(By.cssSelector("tr[data-kind='REFRESH'] details"))
                .getAttribute("textContent");
        assertThat(gate)
                .contains("logLoss" + precision3(seeded.reverted().metrics().logLoss()))
                .contains("auc" + precision3(seeded.reverted().metrics().auc()));
        // Each arm's CTR over time, from the running experiment's analyses.
        assertThat(browser.findElements(By.cssSelector("#models-chart-ctr [data-series='champion'] .point")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#models-chart-ctr [data-series='challenger'] .point")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(screenshot("lineages", DESKTOP)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        assertThat(screenshot("lineages-phone", PHONE)).isRegularFile();
        assertThat(overflowing()).isEmpty();
        browser.manage().window().setSize(new Dimension(DESKTOP, 900));
    }

    private void reportTraining(TrainerHealth.State state, String detail, Instant staleAt) {
        Instant at = Instant.now();
        TrainerHealth report = new TrainerHealth(
                TrainerHealth.SCHEMA_VERSION,
                model,
                "4242@retrainer/test",
                state,
                detail,
                at,
                staleAt,
                at.minusSeconds(200),
                12_000,
                40,
                1,
                0);
        redis.value(String.class)
                .set(RedisKeys.trainerHealth(model), new String(ContractJson.write(report), StandardCharsets.UTF_8));
    }

    private void open(String fragment) {
        browser.get(root.toString() + fragment);
        browser.navigate().refresh();
    }

    private WebElement waitFor(By selector) {
        return new WebDriverWait(browser, UPDATE).until(ExpectedConditions.visibilityOfElementLocated(selector));
    }

    private void waitForText(By selector, String text) {
        new WebDriverWait(browser, UPDATE).until(ExpectedConditions.textToBePresentInElementLocated(selector, text));
    }

    private void confirm(String button) {
        WebElement choice = waitFor(By.id(button));
        assertThat(browser.findElement(By.id("confirm")).getAttribute("open")).isNotNull();
        choice.click();
    }

    private WebElement versionRow(String version) {
        return browser.findElement(By.cssSelector("tr[data-version='" + version + "']"));
    }

    /** The elements that stick out of the window on the right (at most five): nothing should scroll sideways. */
    private List<?> overflowing() {
        return (List<?>) script("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 5).map(e => e.tagName + '#' + e.id + ' '"
                + " + (typeof e.className === 'string' ? e.className : ''));");
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private Path screenshot(String name, int width) {
        Path file = Browser.screenshot(browser, name, width);
        assertThat(file.toFile().length()).isPositive();
        return file;
    }

    private static String field(WebElement scope, String name) {
        return scope.findElement(By.cssSelector("[data-field='" + name + "']"))
                .getText()
                .trim();
    }

    private static JsonPath adminView(String id) {
        return Api.experiment(id).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> arm(JsonPath view, String arm) {
        return view.getMap("arms.find { it.arm == '" + arm + "' }");
    }

    // The dashboard's number formats (dashboard.js `format`), applied to the API's values.

    private static String weight(double percent) {
        double rounded = Math.round(percent * 100) / 100.0;
        return (rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded)) + " %";
    }

    private static String signed(double fraction) {
        return (fraction >= 0 ? "+" : "-") + String.format(Locale.ROOT, "%.2f %%", Math.abs(fraction * 100));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String count(Object number) {
        return String.format(Locale.US, "%,d", ((Number) number).longValue());
    }

    /** dashboard.js `configText`: JavaScript prints 1.0 as "1". */
    private static String configText(LineageConfig config) {
        return config.hashBits() + " bits · crosses "
                + (config.crosses().isEmpty() ? "none" : String.join(", ", config.crosses())) + " · α "
                + js(config.alpha()) + " · β " + js(config.beta()) + " · λ1 " + js(config.l1()) + " · λ2 "
                + js(config.l2()) + " · labelling v" + config.labelling();
    }

    private static String js(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** dashboard.js `numbers`: a fraction to three significant digits. */
    private static String precision3(double value) {
        return new BigDecimal(value).round(new MathContext(3)).toPlainString();
    }

    private static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
