package io.splitcheck.matrix;

import io.splitcheck.engine.PodSettings;
import io.splitcheck.k8s.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --user UID[:GID]}, {@code --limit memory=128m|pids=64|cpus=0.5} and {@code --tmpfs PATH}:
 * applied to every cell but the baseline, so the baseline stays the laptop and the split shows.
 *
 * @param user null: each cell's own
 * @param limits the deliberate limits
 * @param tmpfs extra tmpfs mounts
 */
public record CellOverrides(String user, PodSettings.Limits limits, Map<String, String> tmpfs) {
  public static final CellOverrides NONE =
      new CellOverrides(null, PodSettings.Limits.NONE, Map.of());

  public CellOverrides {
    tmpfs = new LinkedHashMap<>(tmpfs);
    if (user != null && !user.matches("[0-9]+(:[0-9]+)?")) {
      throw new IllegalArgumentException(
          "--user '" + user + "': expected UID or UID:GID (numbers, as " + "runAsUser/runAsGroup)");
    }
  }

  /** From the command line's values. */
  public static CellOverrides parse(String user, List<String> limits, List<String> tmpfs) {
    PodSettings.Limits l = PodSettings.Limits.NONE;
    for (String limit : limits) {
      l = l.with(limit(limit));
    }
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String path : tmpfs) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("--tmpfs '" + path + "': expected an absolute path");
      }
      mounts.put(path, "rw,nosuid,nodev,mode=1777");
    }
    return new CellOverrides(user, l, mounts);
  }

  static PodSettings.Limits limit(String text) {
    int eq = text.indexOf('=');
    String key = eq < 0 ? text : text.substring(0, eq);
    String value = eq < 0 ? "" : text.substring(eq + 1);
    String where = "--limit " + key;
    return switch (key) {
      case "memory" -> new PodSettings.Limits(Quantities.bytes(value, where), null, null);
      case "pids" -> {
        if (!value.matches("[1-9][0-9]*")) {
          throw new IllegalArgumentException(
              where + " '" + value + "': expected a positive number");
        }
        yield new PodSettings.Limits(null, Long.parseLong(value), null);
      }
      case "cpus" -> new PodSettings.Limits(null, null, Quantities.nanoCpus(value, where));
      default ->
          throw new IllegalArgumentException(
              "--limit '" + text + "': expected memory=SIZE, pids=N or cpus=N");
    };
  }

  public boolean isEmpty() {
    return user == null && limits.equals(PodSettings.Limits.NONE) && tmpfs.isEmpty();
  }

  /** The plan with every cell but the baseline overridden. */
  public MatrixPlan apply(MatrixPlan plan) {
    if (isEmpty()) {
      return plan;
    }
    List<Cell> cells = new ArrayList<>();
    for (Cell c : plan.cells()) {
      cells.add(c.name().equals(plan.baseline()) ? c : apply(c));
    }
    return new MatrixPlan(cells, plan.baseline());
  }

  Cell apply(Cell c) {
    PodSettings pod = c.security().pod().withLimits(limits).withTmpfs(tmpfs);
    if (user != null) {
      pod = pod.withUser(user);
    }
    return new Cell(c.name(), c.security().withPod(pod), c.origin() + " " + describe());
  }

  /** {@code with --user 1000 --limit memory=64Mi}, for the cell's origin. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (user != null) {
      parts.add("--user " + user);
    }
    if (limits.memoryBytes() != null) {
      parts.add("--limit memory=" + limits.memoryBytes());
    }
    if (limits.pids() != null) {
      parts.add("--limit pids=" + limits.pids());
    }
    if (limits.nanoCpus() != null) {
      parts.add("--limit cpus=" + limits.nanoCpus() / 1e9);
    }
    tmpfs.keySet().forEach(p -> parts.add("--tmpfs " + p));
    return "with " + String.join(" ", parts);
  }
}
