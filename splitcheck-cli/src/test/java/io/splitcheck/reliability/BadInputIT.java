package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs only the engine can reveal: each a clear error (exit 2) or a warning naming the
 * culprit.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  private BusyboxImage image;

  @TempDir Path tmp;

  @BeforeAll
  void build() throws Exception {
    image = BusyboxImage.build("bad-input", "ENTRYPOINT [\"/bin/sh\", \"-c\"]", "CMD [\"true\"]");
  }

  @AfterAll
  void remove() throws Exception {
    image.close();
  }

  private static void rejected(Cli.Result r, String... fragments) {
    assertEquals(
        2, r.exitCode(), () -> "exit " + r.exitCode() + "\nout: " + r.out() + "\nerr: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), () -> "expected '" + f + "' in: " + r.err());
    }
    System.out.println("BAD-INPUT " + r.err().strip());
  }

  @Test
  void matrix_saysNeverPulled_whenImageIsNotLocal() {
    long start = System.nanoTime();
    Cli.Result r =
        Cli.run("matrix", "splitcheck-test/no-such-image:never", "--config", "unconfined");
    rejected(
        r, "image 'splitcheck-test/no-such-image:never'", "no such image locally", "never pulls");
    assertFalse(r.err().contains("registry"), "a pull was attempted: " + r.err());
    assertTrue(System.nanoTime() - start < 20_000_000_000L);
  }

  @Test
  void audit_saysNeverPulled_whenImageIsNotLocal() {
    rejected(
        Cli.run("audit", "splitcheck-test/no-such-image:never"),
        "splitcheck-test/no-such-image:never",
        "never pull");
  }

  @Test
  void twice_quotesBuilderError_whenBuildFails() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("failing"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + image.tag() + "\nRUN echo about to fail && exit 3\n",
        StandardCharsets.UTF_8);
    rejected(Cli.run("twice", context.toString()), "exit 3", "exit code: 3");
  }

  @Test
  void matrix_namesCellProfileAndAction_beforeAnyCell_whenProfileHasAnUnknownAction()
      throws Exception {
    Path profile = tmp.resolve("bad-action.json");
    Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_MAYBE\", \"syscalls\": []}");
    rejected(
        Cli.run("matrix", image.tag(), "--config", "unconfined", "--profile", "odd=" + profile),
        "--profile odd=",
        "bad-action.json",
        "'SCMP_ACT_MAYBE' is not a seccomp action");
  }

  @Test
  void matrix_namesCellAndQuotesTheEngine_whenTheCellsOwnStartRefusesItsProfile() throws Exception {
    // parses here (SCMP_ACT_NOTIFY is an action); runc refuses it as the default action at start
    Path profile = tmp.resolve("notify-default.json");
    Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}");
    rejected(
        Cli.run(
            "matrix",
            image.tag(),
            "--config",
            "unconfined",
            "--profile",
            "notify=" + profile,
            "--trace",
            "never"),
        "cell 'notify' (profile ",
        "notify-default.json",
        "the engine rejects the seccomp profile: ",
        "SCMP_ACT_NOTIFY");
  }

  @Test
  void matrix_warnsNamingProfileAndSyscall_whenProfileNamesUnknownSyscall() throws Exception {
    Path profile = tmp.resolve("typo.json");
    Files.writeString(
        profile,
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": "
            + "[\"getrandom\", \"getrandomm\"], \"action\": \"SCMP_ACT_ERRNO\"}]}");
    Path json = tmp.resolve("typo-report.json");
    Cli.Result r =
        Cli.run(
            "matrix",
            image.tag(),
            "--config",
            "unconfined",
            "--profile",
            "typo=" + profile,
            "--trace",
            "never",
            "--json",
            json.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode warnings = new ObjectMapper().readTree(json.toFile()).get("warnings");
    String all = warnings.toString();
    assertTrue(
        all.contains("getrandomm") && (all.contains("typo.json") || all.contains("typo")), all);
    System.out.println("BAD-INPUT warning: " + warnings.get(0).asText());
  }
}
