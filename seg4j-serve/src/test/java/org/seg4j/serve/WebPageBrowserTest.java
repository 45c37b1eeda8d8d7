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
import org.seg4j.util.Json;

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
                WebDriverWait wait = upload(driver, server, upload);
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

    @Test
    void instanceModelShowsItsInstancesOverlayAndLegend() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (.ci/run installs them)");
        Path model = InstanceModels.maskRcnn(tmp.resolve("mrcnn"));
        RgbImage image = TestModels.randomImage(64, 48, 5);
        Path upload = tmp.resolve("scene.png");
        Files.write(upload, ServeFixtures.png(image));
        try (SegmentationServer server = SegmentationServer.start(List.of(ModelSource.parse("cells=" + model)),
                ServeOptions.defaults().withPort(0).withMinScore(0.0))) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            String api = server.url() + "v1/models/cells/segment?format=";
            int found = Json.JSON.readTree(ServeFixtures.post(api + "instances", ServeFixtures.png(image)).body())
                    .get("instances").size();
            assertThat(found).as("the tiny detector finds instances").isGreaterThan(0);
            java.awt.image.BufferedImage full = ServeFixtures.image(
                    ServeFixtures.post(api + "instance_overlay&alpha=1", ServeFixtures.png(image)));
            int[] ids = ServeFixtures.image(ServeFixtures.post(api + "instance_ids", ServeFixtures.png(image)))
                    .getRaster().getPixels(0, 0, image.width(), image.height(), (int[]) null);
            ChromeDriver driver = startBrowser();
            try {
                WebDriverWait wait = upload(driver, server, upload);
                wait.until(d -> d.findElements(By.cssSelector("#legend li")).size() == found);
                assertThat(driver.findElement(By.cssSelector("#legend li")).getText()).startsWith("#1 ")
                        .containsPattern("\\d\\.\\d\\d");
                assertThat(driver.findElement(By.id("status")).getText()).contains(found + " instances");
                assertThat(driver.findElement(By.id("download-cutout")).isEnabled()).isFalse();
                JavascriptExecutor js = driver;
                js.executeScript("const s = document.getElementById('opacity'); s.value = 100;"
                        + " s.dispatchEvent(new Event('input'));");
                int colour = org.seg4j.infer.instance.InstanceOverlay.colour(1);
                int inside = -1; // a pixel of instance 1 that no box or label of another instance covers
                for (int i = 0; i < ids.length && inside < 0; i++) {
                    boolean plain = (full.getRGB(i % image.width(), i / image.width()) & 0xFFFFFF) == colour;
                    inside = ids[i] == 1 && plain ? i : -1;
                }
                assertThat(inside).isGreaterThanOrEqualTo(0);
                int x = inside % image.width();
                int y = inside / image.width();
                assertThat(pixel(js, x, y)).isEqualTo(full.getRGB(x, y) & 0xFFFFFF);
                // hiding instance 1 shows the photo under it
                driver.findElement(By.cssSelector("#legend li input[type=checkbox]")).click();
                assertThat(pixel(js, x, y)).isEqualTo(image.rgb(x, y));
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void semanticModelWithComponentsShowsItsClassesAndInstances() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (.ci/run installs them)");
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        RgbImage image = TestModels.blockImage(96, 64, 16, 5);
        Path upload = tmp.resolve("scene.png");
        Files.write(upload, ServeFixtures.png(image));
        ModelSource source = ModelSource.parse("blocks=" + model)
                .withComponents(ComponentMethod.builder().optThings(List.of("blue")).build());
        try (SegmentationServer server = SegmentationServer.start(List.of(source), ServeOptions.defaults().withPort(0))) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            int found = Json.JSON.readTree(ServeFixtures.post(server.url() + "v1/models/blocks/segment?format=instances",
                    ServeFixtures.png(image)).body()).get("instances").size();
            assertThat(found).as("blue blocks").isGreaterThan(0);
            ChromeDriver driver = startBrowser();
            try {
                WebDriverWait wait = upload(driver, server, upload);
                wait.until(d -> d.findElement(By.id("status")).getText().contains(found + " instances"));
                assertThat(driver.findElement(By.id("view-label")).isDisplayed()).isTrue();
                ((JavascriptExecutor) driver).executeScript("const v = document.getElementById('view');"
                        + " v.value = 'instances'; v.dispatchEvent(new Event('change'));");
                wait.until(d -> d.findElements(By.cssSelector("#legend li")).size() == found
                        && d.findElement(By.cssSelector("#legend li")).getText().startsWith("#1 blue"));
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

    /** Opens the page of a one-model server and uploads {@code file}; the wait for what follows. */
    private static WebDriverWait upload(ChromeDriver driver, SegmentationServer server, Path file) {
        driver.get(server.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 1);
        driver.findElement(By.id("file")).sendKeys(file.toString());
        return wait;
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
