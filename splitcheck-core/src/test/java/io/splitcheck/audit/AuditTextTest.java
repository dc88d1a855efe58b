package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTextTest {
  private static final List<Finding> FINDINGS =
      List.of(
          new Finding(
              "size.largest-files",
              Severity.INFO,
              "12.0 MB",
              Evidence.path("/usr/lib/libLLVM.so").withLayer(1, "RUN x")),
          new Finding(
              "secret.secret-in-env",
              Severity.ERROR,
              "ENV API_TOKEN holds a secret",
              Evidence.line(4).withLayer(3, "ENV")),
          new Finding(
              "leak.package-cache",
              Severity.WARNING,
              "apt lists left",
              Evidence.path("/var/lib/apt/lists")),
          new Finding(
              "secret.secret-in-env",
              Severity.ERROR,
              "ENV API_TOKEN holds a secret",
              Evidence.line(4).withLayer(5, "ENV")),
          new Finding(
              "size.largest-files", Severity.INFO, "8.0 MB", Evidence.path("/usr/bin/node")),
          new Finding("cache.hit-ratio", Severity.INFO, "3 of 5 steps cached", Evidence.NONE),
          new Finding(
              "linkage.missing-library",
              Severity.ERROR,
              "libssl.so.3 not found",
              Evidence.path("/app/server")),
          new Finding(
              "leak.build-tools",
              Severity.WARNING,
              "gcc left in the image",
              Evidence.path("/usr/bin/gcc")));

  @Test
  void render_mergesDuplicates_sortsBySeverityThenPath_andSummarisesInfoInOneLine() {
    String text = AuditText.render(new AuditReport("img", "sha256:1", FINDINGS), false);

    assertEquals(
        """
        ERROR   secret.secret-in-env             [layers 3, 5, Dockerfile line 4] ENV API_TOKEN holds a secret (2 times)
        ERROR   linkage.missing-library          /app/server libssl.so.3 not found
        WARNING leak.build-tools                 /usr/bin/gcc gcc left in the image
        WARNING leak.package-cache               /var/lib/apt/lists apt lists left
        INFO    3 finding(s): cache.hit-ratio (1), size.largest-files (2); --verbose lists them
        3 error(s), 2 warning(s), 3 info
        """,
        text);
  }

  @Test
  void render_listsEveryInfoFinding_whenVerbose() {
    String text = AuditText.render(new AuditReport("img", "sha256:1", FINDINGS), true);

    assertEquals(
        List.of(
            "INFO    cache.hit-ratio                  3 of 5 steps cached",
            "INFO    size.largest-files               /usr/bin/node 8.0 MB",
            "INFO    size.largest-files               /usr/lib/libLLVM.so [layer 1] 12.0 MB"),
        text.lines().filter(l -> l.startsWith("INFO")).toList());
  }

  @Test
  void render_listsTheLargestFilesBySize_largestFirst_whenVerbose() {
    List<Finding> findings =
        List.of(
            new Finding(
                "size.largest-files",
                Severity.INFO,
                "#2 8.0 MB /usr/bin/node",
                Evidence.path("/usr/bin/node").withSize(8L << 20)),
            new Finding(
                "size.largest-files",
                Severity.INFO,
                "#1 12.0 MB /usr/lib/libLLVM.so",
                Evidence.path("/usr/lib/libLLVM.so").withSize(12L << 20)),
            new Finding(
                "size.largest-files",
                Severity.INFO,
                "#3 1.0 MB /a",
                Evidence.path("/a").withSize(1L << 20)));

    String text = AuditText.render(new AuditReport("img", "sha256:1", findings), true);

    assertEquals(
        List.of("/usr/lib/libLLVM.so", "/usr/bin/node", "/a"),
        text.lines()
            .filter(l -> l.startsWith("INFO"))
            .map(l -> l.replaceFirst("^INFO +size.largest-files +(\\S+).*", "$1"))
            .toList());
  }

  @Test
  void render_saysOnlyTheCounts_whenThereIsNothing() {
    assertEquals(
        "0 error(s), 0 warning(s), 0 info\n",
        AuditText.render(new AuditReport("img", null, List.of()), false));
  }
}
