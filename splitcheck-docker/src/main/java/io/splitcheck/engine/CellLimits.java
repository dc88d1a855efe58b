package io.splitcheck.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource bounds every container splitcheck runs gets, the baseline included (so a bound never
 * causes a split by itself): at most {@link #DEFAULT_PIDS} processes and {@link #DEFAULT_MEMORY}
 * bytes of memory, no swap beyond it. Generous for any program under test, they stop a fork or
 * memory bomb in a nightly image from reaching the CI host. {@code --cell-limits
 * pids=N,memory=SIZE} changes them.
 *
 * @param pids the cgroup's pids.max
 * @param memoryBytes the cgroup's memory limit (and memory+swap limit: no swap)
 */
public record CellLimits(long pids, long memoryBytes) {
  public static final long DEFAULT_PIDS = 4096;
  public static final long DEFAULT_MEMORY = 4L << 30;
  public static final CellLimits DEFAULTS = new CellLimits(DEFAULT_PIDS, DEFAULT_MEMORY);

  /** The engine refuses less than 6 MiB of memory. */
  static final long MIN_MEMORY = 6L << 20;

  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgt]?)(i?b)?");
  private static volatile CellLimits current = DEFAULTS;

  public CellLimits {
    if (pids < 1 || memoryBytes < MIN_MEMORY) {
      throw new IllegalArgumentException(
          "cell limits pids="
              + pids
              + ",memory="
              + memoryBytes
              + ": expected pids >= 1 and memory >= 6m");
    }
  }

  /** The limits cells get in this process. */
  public static CellLimits current() {
    return current;
  }

  /** Sets them for this process (the {@code --cell-limits} option). */
  public static void use(CellLimits limits) {
    current = limits;
  }

  /** {@code pids=256,memory=512m}: either or both, the other keeps its default. */
  public static CellLimits parse(String text, String option) {
    long pids = DEFAULT_PIDS;
    long memory = DEFAULT_MEMORY;
    for (String part : text.split(",")) {
      String[] kv = part.strip().split("=", 2);
      String key = kv[0].toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !(key.equals("pids") || key.equals("memory"))) {
        throw new IllegalArgumentException(
            option
                + " '"
                + text
                + "': expected pids=N,memory=SIZE (e.g. "
                + "pids=4096,memory=4g)");
      }
      if (key.equals("pids")) {
        pids = number(kv[1], text, option);
      } else {
        memory = size(kv[1], text, option);
      }
    }
    try {
      return new CellLimits(pids, memory);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "': expected pids >= 1 and memory >= 6m", e);
    }
  }

  private static long number(String v, String text, String option) {
    if (!v.strip().matches("\\d{1,9}")) {
      throw new IllegalArgumentException(
          option + " '" + text + "': pids '" + v + "', expected a number");
    }
    return Long.parseLong(v.strip());
  }

  private static long size(String v, String text, String option) {
    Matcher m = SIZE.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " '" + text + "': memory '" + v + "', expected a size " + "like 512m or 4g");
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }
}
