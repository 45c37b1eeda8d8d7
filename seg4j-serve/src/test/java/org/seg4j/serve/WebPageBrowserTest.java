package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seg4j.data.RgbImage;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.TestModels;

/**
 * The web page in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver};
 * skipped when they are not installed): upload an image, see the overlay and the legend, change the
 * opacity, hide a class. Leaves a screenshot in {@code target/serve-screenshot.png}.
 *
 * <p>With {@code -Dseg4j.serve.screenshotModel=DIR} the page shows that model on a synthetic street
 * scene instead of the test model (how {@code docs/serving-page.png} was made).
 */
class WebPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void uploadShowsOverlayAndLegend() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (.ci/run installs them)");
        String docsModel = System.getProperty("seg4j.serve.screenshotModel");
        Path model = docsModel != null ? Path.of(docsModel)
                : TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        RgbImage image = docsModel != null
                ? SyntheticStreetScenes.builder().optSeed(3).optSize(192, 256).build().generate(5).image()
                : TestModels.blockImage(96, 64, 16, 5);
        Path upload = tmp.resolve("scene.png");
        Files.write(upload, ServeFixtures.png(image));

        try (SegmentationServer server = SegmentationServer.start(List.of(ModelSource.parse("demo=" + model)),
                ServeOptions.defaults().withPort(0))) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            ChromeDriver driver = startBrowser();
            try {
                driver.get(server.url());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 1);
                driver.findElement(By.id("file")).sendKeys(upload.toString());
                wait.until(d -> d.findElements(By.cssSelector("#legend li")).size() >= 3);
                WebElement overlay = driver.findElement(By.id("overlay"));
                wait.until(d -> overlay.isDisplayed());
                JavascriptExecutor js = driver;
                assertThat(((Number) js.executeScript("return arguments[0].width", overlay)).intValue())
                        .isEqualTo(image.width());
                List<WebElement> legend = driver.findElements(By.cssSelector("#legend li"));
                assertThat(legend.get(0).getText()).containsPattern("\\d+\\.\\d%");
                assertThat(driver.findElement(By.id("status")).getText()).contains(image.width() + "x" + image.height());

                if (docsModel == null) {
                    checkBlending(driver, image, legend);
                }
                Path shot = Path.of("target", "serve-screenshot.png");
                Files.createDirectories(shot.getParent());
                File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(png.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(shot)).isGreaterThan(1000);
            } finally {
                driver.quit();
            }
        }
    }

    /** Opacity 100 shows class colours; hiding the pixel's class shows the photo again. */
    private static void checkBlending(ChromeDriver driver, RgbImage image, List<WebElement> legend) {
        JavascriptExecutor js = driver;
        js.executeScript("const s = document.getElementById('opacity'); s.value = 100;"
                + " s.dispatchEvent(new Event('input'));");
        int x = 8;
        int y = 8;
        int cls = TestModels.dominantChannel(image)[y * image.width() + x];
        int[] palette = {0xFF0000, 0x00FF00, 0x0000FF};
        assertThat(pixel(js, x, y)).isEqualTo(palette[cls]);
        legend.get(cls).findElement(By.cssSelector("input[type=checkbox]")).click();
        assertThat(pixel(js, x, y)).isEqualTo(image.rgb(x, y));
        legend.get(cls).findElement(By.cssSelector("input[type=checkbox]")).click();
        js.executeScript("const s = document.getElementById('opacity'); s.value = 50;"
                + " s.dispatchEvent(new Event('input'));");
    }

    private static int pixel(JavascriptExecutor js, int x, int y) {
        Object v = js.executeScript("const d = document.getElementById('overlay').getContext('2d')"
                + ".getImageData(arguments[0], arguments[1], 1, 1).data; return (d[0] << 16) | (d[1] << 8) | d[2];", x, y);
        return ((Number) v).intValue();
    }

    private ChromeDriver startBrowser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
