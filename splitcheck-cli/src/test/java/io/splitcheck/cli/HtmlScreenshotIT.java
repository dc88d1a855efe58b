package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.Prerequisite;
import io.splitcheck.testing.RequiresEngine;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page of a real matrix run, as headless Chromium (Debian's {@code chromium}) draws it at
 * 1200x900: the first screen shows the grid (split, same-as-baseline and baseline colours) and the
 * split's explanation. The explanation's place is found by drawing the page twice, the second time
 * with the culprit paragraph hidden: the pixels that change are the explanation's, and they must
 * lie on the first screen. The screenshot is kept as {@code target/matrix-report-screenshot.png}.
 */
@RequiresEngine
class HtmlScreenshotIT {
  private static final int SPLIT_RGB = 0xf5b5b5;
  private static final int SAME_RGB = 0xc8f0c8;
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path tmp;

  @Test
  void firstScreen_showsTheGridAndTheSplitsExplanation() throws Exception {
    Prerequisite.require(Files.isExecutable(CHROMIUM), "chromium (apt-get install chromium)");
    Path report = tmp.resolve("report");
    try (BusyboxImage image = BusyboxImage.build("screenshot-writer")) {
      Cli.Result r =
          Cli.run(
              "matrix",
              image.tag(),
              "--config",
              "unconfined",
              "--config",
              "read-only",
              "--config",
              "no-network",
              "--report",
              report.toString(),
              "--",
              "/bin/sh",
              "-c",
              "touch /x");
      assertEquals(1, r.exitCode(), r.out() + r.err());
    }
    Path html = report.resolve("index.html");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("<p class=\"culprit\">"), "the page explains the split");
    Path hidden = report.resolve("hidden.html");
    Files.writeString(
        hidden,
        page.replaceFirst(
            "</head>", "<style>p.culprit{visibility:hidden !important}</style></head>"),
        StandardCharsets.UTF_8);

    BufferedImage shown = screenshot(html, "shown");
    BufferedImage without = screenshot(hidden, "hidden");

    assertTrue(count(shown, SPLIT_RGB) > 500, "a split cell in the first screen");
    assertTrue(count(shown, SAME_RGB) > 500, "a same-as-baseline cell in the first screen");
    int changed = 0;
    int lowest = 0;
    for (int y = 0; y < shown.getHeight(); y++) {
      for (int x = 0; x < shown.getWidth(); x++) {
        if (shown.getRGB(x, y) != without.getRGB(x, y)) {
          changed++;
          lowest = y;
        }
      }
    }
    assertTrue(
        changed > 1000,
        "the explanation is drawn in the first 900 px (" + changed + " pixels differ)");
    Files.copy(
        tmp.resolve("shown.png"),
        Path.of("target", "matrix-report-screenshot.png"),
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println(
        "FIGURE screenshot: split "
            + count(shown, SPLIT_RGB)
            + " px, same "
            + count(shown, SAME_RGB)
            + " px, explanation "
            + changed
            + " px down to y="
            + lowest
            + " of 900");
  }

  private BufferedImage screenshot(Path html, String name) throws Exception {
    Path png = tmp.resolve(name + ".png");
    List<String> cmd =
        List.of(
            CHROMIUM.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + tmp.resolve("profile-" + name),
            "--window-size=1200,900",
            "--screenshot=" + png,
            html.toUri().toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(name + ".log").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(name + ".log")));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(900, image.getHeight());
    return image;
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
