package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image whose environment holds secrets ({@code ENV API_TOKEN=...}, an AWS access key id) and
 * whose entrypoint prints them: {@code splitcheck run} reports the split and the audit, and no
 * secret value reaches report.json, junit.xml, index.html or the console.
 */
@RequiresEngine
class RedactionIT {
  private static final String TOKEN = "tok-LEAKME-1234567";
  private static final String AWS_KEY = "AKIAIOSFODNN7LEAKME0";

  @TempDir Path tmp;

  @Test
  void run_redactsSecretEnvValues_inEveryReportFile() throws Exception {
    try (BusyboxImage base = BusyboxImage.build("redaction-base")) {
      Path dir = Files.createDirectories(tmp.resolve("leaky-env"));
      Files.writeString(
          dir.resolve("Dockerfile"),
          "FROM "
              + base.tag()
              + "\n"
              + "ENV API_TOKEN="
              + TOKEN
              + " AWS_KEY_ID="
              + AWS_KEY
              + "\n"
              + "ENTRYPOINT [\"/bin/sh\", \"-c\"]\n"
              + "CMD [\"echo API_TOKEN=$API_TOKEN; echo API_TOKEN=$API_TOKEN key $AWS_KEY_ID >&2; touch /x || exit 4\"]\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("scenario.yaml"),
          "name: leaky-env\ndescription: secrets in ENV, printed\n"
              + "build:\n  dockerfile: Dockerfile\n  context: .\n"
              + "checks:\n  twice: false\n  matrix:\n    configs: [unconfined, read-only]\n    trace: never\n"
              + "    timeout: 30s\n  audit:\n    rules:\n      enable: [secret.*]\n",
          StandardCharsets.UTF_8);
      Path report = tmp.resolve("report");

      Cli.Result r = Cli.run("run", dir.toString(), "--report", report.toString());

      String json = Files.readString(report.resolve("report.json"));
      assertTrue(json.contains("read-only"), "the matrix ran: " + r.out() + r.err());
      assertTrue(
          json.contains("[REDACTED]"), "the printed secret was captured and blanked: " + json);
      for (String file : List.of("report.json", "junit.xml", "index.html")) {
        String text = Files.readString(report.resolve(file));
        assertFalse(text.contains("LEAKME"), file + " leaks a secret");
      }
      assertFalse(
          r.out().contains("LEAKME") || r.err().contains("LEAKME"),
          "console leaks: " + r.out() + r.err());
    }
  }

  @Test
  void run_redactsTheCheckLines_whoseCulpritQuotesASecretLookingPath() throws Exception {
    try (BusyboxImage base = BusyboxImage.build("redaction-path")) {
      Path dir = Files.createDirectories(tmp.resolve("leaky-path"));
      Files.writeString(
          dir.resolve("Dockerfile"),
          "FROM "
              + base.tag()
              + "\n"
              + "ENTRYPOINT [\"/bin/sh\", \"-c\"]\n"
              + "CMD [\"touch /API_TOKEN="
              + TOKEN
              + " || exit 4\"]\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("scenario.yaml"),
          "name: leaky-path\ndescription: a secret in a path\n"
              + "build:\n  dockerfile: Dockerfile\n  context: .\n"
              + "checks:\n  twice: false\n  matrix:\n    configs: [unconfined, read-only]\n"
              + "    timeout: 30s\n",
          StandardCharsets.UTF_8);

      Cli.Result r =
          Cli.run("run", dir.toString(), "--report", tmp.resolve("report-path").toString());

      String checkLine =
          r.out()
              .lines()
              .filter(l -> l.contains(" leaky-path matrix "))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no matrix check line: " + r.out() + r.err()));
      assertTrue(
          checkLine.contains("API_TOKEN=[REDACTED]"),
          "the culprit's path is shown, its value blanked: " + checkLine);
      assertFalse(
          r.out().contains("LEAKME") || r.err().contains("LEAKME"),
          "console leaks: " + r.out() + r.err());
    }
  }
}
