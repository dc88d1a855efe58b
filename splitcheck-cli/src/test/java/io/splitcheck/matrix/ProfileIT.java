package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.cli.Main;
import io.splitcheck.testing.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code splitcheck profile}: trace, generate the allowlist, verify it against the real engine. */
@RequiresEngine
class ProfileIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @Test
  void profile_writesVerifiedAllowlist_thatDeniesWhatTheTraceNeverSaw(@TempDir Path tmp)
      throws Exception {
    try (ProbeImages.Probe probe = ProbeImages.build("profile-probe", "profile-it-" + PID)) {
      Path out = tmp.resolve("generated.json");
      int exit =
          Main.commandLine()
              .execute("profile", probe.tag(), "--out", out.toString(), "--", "getrandom");
      assertEquals(0, exit, "the image runs under its generated profile as in the baseline");
      String json = Files.readString(out);
      assertTrue(json.contains("\"getrandom\""), json);
      assertTrue(
          json.contains("\"defaultAction\" : \"SCMP_ACT_ERRNO\"")
              || json.contains("\"defaultAction\": \"SCMP_ACT_ERRNO\""),
          json);
      assertTrue(!json.contains("\"chown\""), "never traced, never allowed: " + json);

      Path twice = tmp.resolve("again.json");
      assertEquals(
          0,
          Main.commandLine()
              .execute("profile", probe.tag(), "--out", twice.toString(), "--", "getrandom"));
      assertEquals(json, Files.readString(twice), "deterministic bytes");

      int chown =
          Main.commandLine()
              .execute(
                  "matrix",
                  probe.tag(),
                  "--config",
                  "unconfined",
                  "--profile",
                  "gen=" + out,
                  "--trace",
                  "never",
                  "--",
                  "chown");
      assertEquals(1, chown, "a call the traced run never made is denied by the profile");
    }
  }
}
