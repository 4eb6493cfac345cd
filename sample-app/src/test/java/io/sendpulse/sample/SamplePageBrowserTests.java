package io.sendpulse.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sendpulse.spring.test.AutoConfigureSendPulseSandbox;
import io.sendpulse.spring.test.SendPulseSandbox;
import io.sendpulse.spring.voice.VoiceAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The page at {@code /}, driven in headless Chromium against the app on a real port and
 * the sandbox: each action's result, the webhook events arriving live, and the error
 * messages.
 * <p>
 * Needs Chromium and chromedriver: {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (Debian:
 * {@code apt-get install chromium chromium-driver}), or others named by
 * {@code -Dsample.browser.chromium=...} and {@code -Dsample.browser.chromedriver=...}.
 * Without them the tests are skipped, except on CI ({@code CI=true}), where they fail.
 * With {@code -Dsample.screenshot=<file.png>} the whole-loop test saves a screenshot of
 * the page there (the README's {@code docs/sample-app.png}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sendpulse.sandbox.step-delay=20ms")
@AutoConfigureSendPulseSandbox
@EnabledIf(value = "canRun", disabledReason = SamplePageBrowserTests.MISSING_REASON)
class SamplePageBrowserTests {

	private static final String CUSTOMER = "+14155550123";

	private static final String MASKED_CUSTOMER = "+1******0123";

	private static final String MESSAGE = "Hello, this is your delivery service. Press 1 to confirm you are home tomorrow.";

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Dimension DESKTOP = new Dimension(1280, 1000);

	private static final Path CHROMIUM = Path.of(System.getProperty("sample.browser.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("sample.browser.chromedriver", "/usr/bin/chromedriver"));

	static final String MISSING_REASON = "The sample page's browser tests need Chromium and chromedriver, "
			+ "/usr/bin/chromium and /usr/bin/chromedriver: on Debian or Ubuntu, apt-get install chromium "
			+ "chromium-driver; elsewhere point -Dsample.browser.chromium and -Dsample.browser.chromedriver at them";

	private static ChromeDriver browser;

	@Autowired
	private SendPulseSandbox sandbox;

	@Autowired
	private ReceivedEvents events;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser(@TempDir Path profile) {
		if (isBrowserMissing()) {
			// Only on CI (skipped elsewhere): CI must never skip the browser tests.
			fail(MISSING_REASON + ". CI=true: on CI they must run, not be skipped; .ci/run installs them");
		}
		// The system's own browser and driver: nothing downloaded, no Selenium Manager.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// No first-run screens, no calls home (refused on a closed network), a throwaway
		// profile.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile, "--lang=en-US",
				"--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
		browser = new ChromeDriver(service, options);
	}

	/**
	 * Skipped where the browser is missing, except on CI, where a missing browser fails.
	 */
	static boolean canRun() {
		return !isBrowserMissing() || "true".equalsIgnoreCase(System.getenv("CI"));
	}

	private static boolean isBrowserMissing() {
		return !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openThePage() {
		this.sandbox.reset();
		this.events.clear();
		browser.manage().window().setSize(DESKTOP);
		browser.get("http://localhost:" + this.port + "/");
		waitUntil(ExpectedConditions.attributeToBe(By.id("stream-state"), "data-state", "live"));
		assertThat(browser.findElement(By.id("source")).getText()).startsWith("Sandbox");
	}

	@Test
	void sendsAnSmsAndShowsItsDeliveryWebhookAsItArrives() {
		String id = sendSms();
		WebElement delivered = waitForEvent("sms.delivered", id);
		assertThat(text(delivered, "to")).isEqualTo(MASKED_CUSTOMER);
		assertThat(text(delivered, "state")).isEqualTo("delivered");
		assertThat(text(delivered, "time")).matches("\\d\\d:\\d\\d:\\d\\d.*");
		// The result follows its webhooks.
		waitUntil(ExpectedConditions.attributeToBe(By.id("sms-result"), "data-status", "delivered"));
		assertThat(browser.findElement(By.cssSelector("#sms-result .detail")).getText()).isEqualTo("1 segment");
		assertThat(this.sandbox.sentMessages()).singleElement()
			.satisfies((sent) -> assertThat(sent.id()).isEqualTo(id));
	}

	@Test
	void verifiesANumberWithTheCodeTheSandboxSent() {
		String requestId = verifyNumber();
		WebElement approved = waitForEvent("verify.approved", requestId);
		assertThat(text(approved, "to")).isEqualTo(MASKED_CUSTOMER);
		assertThat(text(approved, "state")).isEqualTo("approved");
		waitUntil(ExpectedConditions.attributeToBe(By.id("verify-result"), "data-status", "approved"));
	}

	@Test
	void saysSoWhenTheCodeIsWrong() {
		fill("verify-to", CUSTOMER);
		browser.findElement(By.cssSelector("#verify-form button")).click();
		String code = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-code-value"))).getText();
		fill("check-code", code.equals("000000") ? "111111" : "000000");
		browser.findElement(By.id("check-button")).click();
		waitUntil(ExpectedConditions.attributeToBe(By.id("check-result"), "data-status", "invalid"));
		assertThat(browser.findElement(By.id("check-result")).getText()).contains("not the code that was sent");
	}

	@Test
	void placesACallThatSaysAndGathersAndShowsItCompleting() {
		this.sandbox.scriptDigits(CUSTOMER, "1");
		String id = placeCall();
		WebElement completed = waitForEvent("call.completed", id);
		assertThat(text(completed, "to")).isEqualTo(MASKED_CUSTOMER);
		assertThat(text(completed, "state")).isEqualTo("completed");
		waitUntil(ExpectedConditions.attributeToBe(By.id("call-result"), "data-status", "completed"));
		// Gathered digits can be a PIN: the page tells how many, not which.
		assertThat(text(waitForEvent("call.gather", id), "state")).isEqualTo("1 digit");
		assertThat(this.sandbox.calls()).singleElement()
			.satisfies((call) -> assertThat(call.actions()).containsExactly(VoiceAction.say(MESSAGE),
					VoiceAction.gather().numDigits(1).build()));
	}

	@Test
	void showsWhyAnInvalidNumberIsRefused() {
		fill("sms-to", "4155550199");
		browser.findElement(By.cssSelector("#sms-form button")).click();
		WebElement error = waitUntil(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#sms-result[data-status='error'][role='alert']")));
		assertThat(error.getText())
			.startsWith("Invalid request: to must be a phone number in E.164 format (^\\+[1-9][0-9]{1,14}$")
			.doesNotContain("4155550199");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void showsSendPulsesRefusalWithItsStatusAndErrorCode() {
		this.sandbox.setBalance(BigDecimal.ZERO);
		fill("call-to", CUSTOMER);
		browser.findElement(By.cssSelector("#call-form button")).click();
		WebElement error = waitUntil(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#call-result[data-status='error']")));
		assertThat(error.getText()).startsWith("SendPulse call failed: ")
			.endsWith("(SendPulse answered 402 insufficient_balance)")
			.doesNotContain(CUSTOMER);
	}

	@Test
	void fitsAPhoneWidthScreen() {
		// A phone's viewport, honouring the page's viewport meta tag as a phone does.
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
		try {
			browser.navigate().refresh();
			waitUntil(ExpectedConditions.attributeToBe(By.id("stream-state"), "data-state", "live"));
			String id = sendSms();
			waitForEvent("sms.delivered", id);
			JavascriptExecutor script = browser;
			assertThat((Long) script.executeScript("return window.innerWidth")).isEqualTo(390L);
			assertThat((Long) script.executeScript("return document.documentElement.scrollWidth"))
				.as("page width at 390 px: nothing sticks out sideways")
				.isLessThanOrEqualTo(390L);
			assertThat(browser.findElement(By.cssSelector("#sms-form button")).getRect().getWidth()).isPositive();
		}
		finally {
			browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	@Test
	void showsTheWholeLoopNewestEventFirst() throws IOException {
		this.sandbox.scriptDigits(CUSTOMER, "1");
		String sms = sendSms();
		waitForEvent("sms.delivered", sms);
		String verification = verifyNumber();
		waitForEvent("verify.approved", verification);
		String call = placeCall();
		waitForEvent("call.completed", call);
		waitForEvent("call.gather", call);
		List<WebElement> shown = browser.findElements(By.cssSelector("#events li"));
		assertThat(shown).extracting((event) -> Long.parseLong(event.getDomAttribute("data-number")))
			.isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(shown).extracting((event) -> event.getDomAttribute("data-type"))
			.containsSubsequence("call.completed", "verify.approved", "sms.delivered", "sms.sent")
			.endsWith("sms.sent");
		assertThat(browser.findElement(By.id("events")).getText()).contains(MASKED_CUSTOMER).doesNotContain(CUSTOMER);
		// Everything the page loaded came from the app: no CDN, nothing from outside.
		List<?> loaded = (List<?>) browser
			.executeScript("return performance.getEntriesByType('resource').map((entry) => entry.name)");
		assertThat(loaded).isNotEmpty()
			.allSatisfy((url) -> assertThat((String) url).startsWith("http://localhost:" + this.port + "/"));
		String screenshot = System.getProperty("sample.screenshot");
		if (screenshot != null) {
			saveScreenshot(Path.of(screenshot));
		}
	}

	private String sendSms() {
		fill("sms-to", CUSTOMER);
		browser.findElement(By.cssSelector("#sms-form button")).click();
		return waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sms-result[data-id]")))
			.getDomAttribute("data-id");
	}

	private String verifyNumber() {
		fill("verify-to", CUSTOMER);
		browser.findElement(By.cssSelector("#verify-form button")).click();
		String requestId = waitUntil(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verify-result[data-id]")))
			.getDomAttribute("data-id");
		// What the customer reads on their phone; on the sandbox, the page shows it.
		String code = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-code-value"))).getText();
		assertThat(code).isEqualTo(this.sandbox.verificationCode(CUSTOMER));
		fill("check-code", code);
		browser.findElement(By.id("check-button")).click();
		waitUntil(ExpectedConditions.attributeToBe(By.id("check-result"), "data-status", "valid"));
		return requestId;
	}

	private String placeCall() {
		fill("call-to", CUSTOMER);
		fill("call-message", MESSAGE);
		browser.findElement(By.cssSelector("#call-form button")).click();
		return waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#call-result[data-id]")))
			.getDomAttribute("data-id");
	}

	private static WebElement waitForEvent(String type, String id) {
		return waitUntil(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#events li[data-type='" + type + "'][data-id='" + id + "']")));
	}

	private static void fill(String field, String value) {
		WebElement input = browser.findElement(By.id(field));
		input.clear();
		input.sendKeys(value);
	}

	private static String text(WebElement event, String part) {
		return event.findElement(By.className(part)).getText();
	}

	private static <T> T waitUntil(ExpectedCondition<T> condition) {
		return new WebDriverWait(browser, WAIT).until(condition);
	}

	private static void saveScreenshot(Path file) throws IOException {
		// The whole page, not only what fits the window.
		Long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
		browser.manage().window().setSize(new Dimension(DESKTOP.getWidth(), (int) Math.max(height + 140, 600)));
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		// Once the arrival highlights have faded, so that the picture is the same each
		// run.
		waitUntil((driver) -> browser.executeScript("return document.getAnimations().length === 0"));
		Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
	}

}
