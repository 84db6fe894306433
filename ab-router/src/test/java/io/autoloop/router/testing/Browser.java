package io.autoloop.router.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian ({@code chromium}, {@code chromium-driver}) driven by Selenium, for the dashboard's
 * browser test. {@link #ensureInstalled()} installs both packages with apt when they are missing and the test runs as
 * root on Debian (as CI does); anywhere else it fails with the command to run.
 */
public final class Browser {

    /** Debian's Chromium. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Debian's chromedriver, from {@code chromium-driver}. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private Browser() {}

    /**
     * Makes sure {@link #CHROMIUM} and {@link #DRIVER} exist, installing {@code chromium chromium-driver} with apt
     * when running as root on Debian; the apt output goes to {@code target/apt-chromium.log}.
     *
     * @throws IllegalStateException when they are missing and cannot be installed here
     */
    public static void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        boolean debian = Files.exists(Path.of("/etc/debian_version"));
        boolean root = "0".equals(output("id", "-u"));
        if (!debian || !root) {
            throw new IllegalStateException("The dashboard's browser test needs Debian's Chromium and its driver at "
                    + CHROMIUM + " and " + DRIVER + ". Install them with 'sudo apt-get install -y chromium"
                    + " chromium-driver' (the test installs them itself only when it runs as root on Debian).");
        }
        Path log = Path.of("target", "apt-chromium.log");
        run(log, "apt-get", "update");
        run(log, "apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "chromium", "chromium-driver");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver but " + CHROMIUM + " or "
                    + DRIVER + " is still missing; see " + log.toAbsolutePath() + ".");
        }
    }

    /** A headless Chromium with a window of {@code width} × {@code height} CSS pixels. */
    public static WebDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--lang=en-US",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * Saves the whole page at {@code width} CSS pixels as a PNG under {@code target/dashboard/} (the window grows to
     * the page's height first) and returns its path.
     */
    public static Path screenshot(WebDriver driver, String name, int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = (Long)
                ((JavascriptExecutor) driver).executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Path file = Path.of("target", "dashboard", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + file, e);
        }
        return file;
    }

    private static String output(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void run(Path log, String... command) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + INSTALL_TIMEOUT
                        + "; see " + log.toAbsolutePath() + ".");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + "; see " + log.toAbsolutePath() + ".");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command) + ".", e);
        }
    }
}
