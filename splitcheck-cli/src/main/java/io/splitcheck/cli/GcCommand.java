package io.splitcheck.cli;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.GcPolicy;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.Liveness;
import io.splitcheck.engine.Owner;
import io.splitcheck.engine.ProcessTable;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.model.Durations;
import io.splitcheck.report.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code splitcheck gc}: remove what runs that died left behind, and say what was removed. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description =
        "Remove the containers, volumes, networks and images of splitcheck runs that have provably "
            + "ended (each object records its creator: boot id, pid namespace, pid, start time), and their work "
            + "folders under the temp directory; with --older-than, also those older than that, alive or not. "
            + "Never the images of twice --keep. From every --engine given.")
public final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      description = "Also remove objects of runs older than this, alive or not (e.g. 12h, 7d).")
  String olderThan;

  @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
  boolean dryRun;

  @Option(
      names = Engines.OPTION,
      paramLabel = "URL",
      description =
          "An engine to clean (unix:///PATH, tcp://HOST:PORT); repeat for the engines a "
              + "run --engine used. Default: --docker-host.")
  List<String> engines = new ArrayList<>();

  Clock clock = Clock.systemUTC();

  @Option(
      names = "--tmp",
      paramLabel = "DIR",
      description =
          "Where the runs' work folders are "
              + "(splitcheck-*/ with an owner file): the temp directory the runs used (default: java.io.tmpdir, "
              + "/tmp unless -Djava.io.tmpdir says otherwise).")
  Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));

  ProcessTable processes = ProcessTable.host();

  @Override
  public Integer call() throws Exception {
    Duration age = olderThan == null ? null : Durations.parse(olderThan, "--older-than");
    if (!Files.isDirectory(tempRoot)) {
      throw new IllegalArgumentException(
          "--tmp "
              + tempRoot
              + ": not a directory (expected the temp "
              + "directory the runs used)");
    }
    GcPolicy policy = new GcPolicy(processes::check, age, clock);
    Engines connected = Engines.open(engines, common.dockerHost);
    try {
      PrintWriter out = spec.commandLine().getOut();
      int[] counts = new int[2]; // doomed, failed
      for (ConnectedEngine engine : connected.connected()) {
        clean(
            engine,
            connected.connected().size() > 1 ? " on " + engine.host() : "",
            policy,
            out,
            counts);
      }
      cleanFolders(age, out, counts);
      out.println(
          (dryRun ? "would remove " : "removed ")
              + (counts[0] - counts[1])
              + " object(s)"
              + (counts[1] > 0 ? ", " + counts[1] + " could not be removed" : ""));
      return counts[1] > 0 ? 2 : 0;
    } finally {
      connected.connected().forEach(ConnectedEngine::close);
    }
  }

  private void clean(
      ConnectedEngine engine, String where, GcPolicy policy, PrintWriter out, int[] counts)
      throws EngineException {
    Janitor janitor = engine.janitor();
    List<GcPolicy.Doomed> doomed = policy.select(janitor.list());
    counts[0] += doomed.size();
    for (GcPolicy.Doomed d : doomed) {
      String what =
          d.object().kind() + " " + d.object().id() + " (run " + d.object().runId() + ")" + where;
      if (dryRun) {
        out.println("would remove " + what + ": " + d.why());
        continue;
      }
      try {
        janitor.remove(d.object());
        out.println("removed " + what + ": " + d.why());
      } catch (EngineException e) {
        counts[1]++;
        spec.commandLine()
            .getErr()
            .println(TerminalText.line("splitcheck gc: " + e.getMessage() + where));
      }
    }
  }

  /**
   * The work folders of ended runs (build logs may quote a build secret): removed by the same rule.
   */
  private void cleanFolders(Duration age, PrintWriter out, int[] counts) {
    for (TempFolder.Left left : TempFolder.leftUnder(tempRoot)) {
      Liveness l =
          Owner.parse(left.owner())
              .map(processes::check)
              .orElse(Liveness.unknown("no owner recorded"));
      boolean old = age != null && left.created().isBefore(clock.instant().minus(age));
      if (!l.dead() && !old) {
        continue;
      }
      counts[0]++;
      String what =
          "folder "
              + left.dir()
              + " (run "
              + left.runId()
              + "): "
              + (l.dead() ? l.why() : "older than " + age);
      if (dryRun) {
        out.println("would remove " + what);
      } else {
        TempFolder.deleteQuietly(left.dir());
        out.println("removed " + what);
      }
    }
  }
}
