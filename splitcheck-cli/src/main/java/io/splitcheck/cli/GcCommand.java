package io.splitcheck.cli;

import io.splitcheck.model.Durations;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.Labels;
import io.splitcheck.engine.LabelledObject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code splitcheck gc}: remove what runs that died left behind, and say what was removed. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = "Remove the containers, volumes, networks and images of splitcheck runs whose process is "
        + "no longer alive on this host; with --older-than, also those of runs older than that; from every "
        + "--engine given.")
public final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--older-than", paramLabel = "DURATION",
      description = "Also remove objects of runs older than this, alive or not (e.g. 12h, 7d).")
  String olderThan;

  @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
  boolean dryRun;

  @Option(names = Engines.OPTION, paramLabel = "URL",
      description = "An engine to clean (unix:///PATH, tcp://HOST:PORT); repeat for the engines a "
          + "run --engine used. Default: --docker-host.")
  List<String> engines = new ArrayList<>();

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    Duration age = olderThan == null ? null : Durations.parse(olderThan, "--older-than");
    Engines connected = Engines.open(engines, common.dockerHost);
    try {
      String host = Labels.host(); // the same name the labels were written with
      PrintWriter out = spec.commandLine().getOut();
      int[] counts = new int[2]; // doomed, failed
      for (ConnectedEngine engine : connected.connected()) {
        clean(engine, connected.connected().size() > 1 ? " on " + engine.host() : "", host, age, out, counts);
      }
      out.println((dryRun ? "would remove " : "removed ") + (counts[0] - counts[1]) + " object(s)"
          + (counts[1] > 0 ? ", " + counts[1] + " could not be removed" : ""));
      return counts[1] > 0 ? 2 : 0;
    } finally {
      connected.connected().forEach(ConnectedEngine::close);
    }
  }

  private void clean(ConnectedEngine engine, String where, String host, Duration age, PrintWriter out,
      int[] counts) throws io.splitcheck.engine.EngineException {
    Janitor janitor = engine.janitor();
    List<LabelledObject> doomed = new ArrayList<>();
    for (LabelledObject o : janitor.list()) {
      if (isDead(o, host) || age != null && isOlder(o, age)) {
        doomed.add(o);
      }
    }
    doomed.sort(Comparator.comparing((LabelledObject o) -> List.of("container", "volume", "network", "image")
        .indexOf(o.kind())).thenComparing(LabelledObject::runId).thenComparing(LabelledObject::id));
    counts[0] += doomed.size();
    for (LabelledObject o : doomed) {
      String what = o.kind() + " " + o.id() + " (run " + o.runId() + ")" + where;
      if (dryRun) {
        out.println("would remove " + what);
        continue;
      }
      try {
        janitor.remove(o);
        out.println("removed " + what);
      } catch (io.splitcheck.engine.EngineException e) {
        counts[1]++;
        spec.commandLine().getErr().println("splitcheck gc: " + e.getMessage() + where);
      }
    }
  }

  /** The creating process is gone: not alive here, or recorded on this host with a pid that is not alive. */
  private static boolean isDead(LabelledObject o, String host) {
    if (o.host() != null && !o.host().equals(host)) {
      return false; // another host's run: only --older-than may remove it
    }
    if (o.pid() <= 0) {
      return false; // no pid recorded: whose it is cannot be told, only --older-than may remove it
    }
    return ProcessHandle.of(o.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  private boolean isOlder(LabelledObject o, Duration age) {
    Instant created = o.created() != null ? o.created() : RunIds.startOf(o.runId());
    return created != null && created.isBefore(clock.instant().minus(age));
  }
}
