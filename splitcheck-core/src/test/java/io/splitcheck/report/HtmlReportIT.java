package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.report.CheckOutcome.Status;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a sample report and looks at it in headless Chromium (Debian's {@code chromium}): the
 * screenshot must show the grid, the DOM must hold it, and markup in file names must stay text.
 * Skipped when chromium is not installed; fails instead under SPLITCHECK_REQUIRE_ENGINE=1 (CI).
 */
class HtmlReportIT {
  private static final String TITLE_ATTACK =
      "/srv/<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
  private static final int SPLIT_RGB = 0xf5b5b5;
  private static final int SAME_RGB = 0xc8f0c8;
  private static String chromium;

  @TempDir Path tmp;

  @BeforeAll
  static void findChromium() {
    chromium =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElse(null);
    if (chromium == null && "1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new AssertionError(
          "chromium not installed (apt-get install chromium), and "
              + "SPLITCHECK_REQUIRE_ENGINE=1 asks that a missing tool fail the test");
    }
    Assumptions.assumeTrue(chromium != null, "chromium not installed (apt-get install chromium)");
  }

  private Path writeReport() throws IOException {
    RunReport sample = ReportSamples.sample();
    List<ScenarioReport> scenarios = new ArrayList<>(sample.scenarios());
    scenarios.add(
        new ScenarioReport(
            "title-attack",
            "scenarios/x",
            null,
            List.of(),
            Twices.of(
                "x",
                false,
                "content",
                null,
                null,
                List.of(),
                List.of(Twices.diff(0, "RUN x", TITLE_ATTACK, List.of("added"), null)),
                List.of()),
            null,
            null,
            List.of(new CheckOutcome("twice", Status.PASSED, "", "", "", 1))));
    RunReport report =
        new RunReport(
            sample.schemaVersion(), sample.runId(), sample.startedAt(), sample.tool(), scenarios);
    new ReportWriter().write(report, tmp.resolve("run"));
    return tmp.resolve("run").resolve(ReportWriter.HTML);
  }

  private String chromium(String mode, Path html, Path profile) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1200,900",
                mode,
                html.toUri().toString()));
    Path out = tmp.resolve("chromium-" + profile.getFileName() + ".out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(false)
            .redirectOutput(out.toFile())
            .redirectError(tmp.resolve("chromium.err").toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + cmd);
    }
    assertEquals(
        0,
        p.exitValue(),
        "chromium " + mode + " failed: " + Files.readString(tmp.resolve("chromium.err")));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void screenshot_showsTheGridInColour() throws Exception {
    Path html = writeReport();
    Path png = tmp.resolve("page.png");
    chromium("--screenshot=" + png, html, tmp.resolve("profile-shot"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(900, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertTrue(colours.size() > 20, "screenshot nearly blank: " + colours.size() + " colours");
    assertTrue(colours.contains(SPLIT_RGB), "no split-coloured grid cell in the screenshot");
    assertTrue(colours.contains(SAME_RGB), "no same-as-baseline grid cell in the screenshot");
    Files.copy(
        png, Path.of("target", "html-report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void dom_holdsTheGrid_andMarkupInFileNamesStaysText() throws Exception {
    Path html = writeReport();
    String dom = chromium("--dump-dom", html, tmp.resolve("profile-dom"));
    assertTrue(
        dom.contains("<title>splitcheck run 20261126-020000-a1b2</title>"),
        "title changed: a script ran? " + dom.substring(0, Math.min(400, dom.length())));
    assertTrue(dom.contains("<table id=\"matrix-grid\">"), dom);
    assertTrue(dom.contains("<td class=\"cell split\" data-config=\"prod\""), dom);
    assertTrue(dom.contains("<td class=\"cell baseline\" data-config=\"unconfined\""), dom);
    assertTrue(dom.contains("<td class=\"cell timeout\" data-config=\"cap-drop-all\""), dom);
    assertTrue(dom.contains("/srv/&lt;script&gt;alert(1)&lt;/script&gt;"), dom);
    assertFalse(dom.contains("<script"), "a script element made it into the DOM");
    assertFalse(dom.contains("<img"), "an img element made it into the DOM");
    assertFalse(dom.contains("pwned</title>"));
  }
}
