package io.splitcheck.tracer;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.testing.MatrixJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers of TracerDaemonIT: reports compared without times and pids; a run's leftovers. */
final class Reports {
  private static final String DOCKER = "/usr/bin/docker";

  private Reports() {}

  /** A matrix report without what differs between any two runs: wall times and process ids. */
  static JsonNode withoutTimesAndPids(JsonNode report) {
    return MatrixJson.withoutTimesAndPids(report);
  }

  /** How many containers the CLI process {@code pid} owns (its io.splitcheck.owner label). */
  static int ownedBy(long pid) throws IOException, InterruptedException {
    return containersOwnedBy(pid).size();
  }

  /** Removes the containers of the CLI process {@code pid} (killed, so it could not). */
  static void removeOwnedBy(long pid) throws IOException, InterruptedException {
    List<String> ids = containersOwnedBy(pid);
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of(DOCKER, "rm", "-f"));
      rm.addAll(ids);
      run(rm);
    }
  }

  private static List<String> containersOwnedBy(long pid) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    String listing =
        run(
            List.of(
                DOCKER,
                "ps",
                "-a",
                "--filter",
                "label=io.splitcheck.owner",
                "--format",
                "{{.ID}} {{.Label \"io.splitcheck.owner\"}}"));
    for (String line : listing.split("\n")) {
      String[] f = line.split(" ");
      // the owner label: boot id / pid namespace / pid / start ticks
      if (f.length == 2 && f[1].split("/").length == 4 && f[1].split("/")[2].equals("" + pid)) {
        out.add(f[0]);
      }
    }
    return out;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + text);
    }
    return text;
  }
}
