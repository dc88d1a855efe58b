package io.splitcheck.report;

import io.splitcheck.seccomp.Culprit;
import java.util.List;
import java.util.Optional;

/**
 * The engine as a matrix axis ({@code splitcheck matrix --on NAME=URL ...}): every cell on every
 * named engine, and the engine splits, the cells whose outcome on an engine differs from the
 * reference engine's (the first {@code --on}). Carried by {@link MatrixResult#engineGrid()}; absent
 * when the matrix ran on one engine.
 *
 * @param reference the name of the engine the others are compared with
 * @param engines the engines, in {@code --on} order
 * @param cells one row per cell, in the matrix's order
 * @param splits the engine splits, by cell then engine
 */
public record EngineGrid(
    String reference, List<Column> engines, List<Row> cells, List<EngineSplit> splits) {

  public static final String CAUSE = Culprit.ENGINE;

  public EngineGrid {
    engines = engines == null ? List.of() : List.copyOf(engines);
    cells = cells == null ? List.of() : List.copyOf(cells);
    splits = splits == null ? List.of() : List.copyOf(splits);
  }

  public Optional<EngineSplit> split(String config, String engine) {
    return splits.stream()
        .filter(s -> s.config().equals(config) && s.engine().equals(engine))
        .findFirst();
  }

  /**
   * One engine of the grid, as {@code GET /version} and {@code GET /info} describe it.
   *
   * @param name the name given with {@code --on NAME=URL}
   * @param kind {@code docker-20.10}, {@code docker-26}, {@code podman}, or {@code docker} for
   *     another version
   * @param runtime the OCI runtime and its version, e.g. {@code runc 1.1.5}, {@code crun 1.8.1}
   * @param defaultProfile the file of {@code seccomp-profiles/} taken as the engine's default
   *     profile, or {@code null} when none matches the engine
   * @param defaultErrno what that profile answers a syscall it does not name ({@code EPERM}, {@code
   *     ENOSYS})
   */
  public record Column(
      String name,
      String host,
      String version,
      String kind,
      String runtime,
      String defaultProfile,
      String defaultErrno) {}

  /** One cell on every engine, in {@link #engines()} order. */
  public record Row(String config, List<Entry> entries) {
    public Row {
      entries = List.copyOf(entries);
    }

    public Optional<Entry> on(String engine) {
      return entries.stream().filter(e -> e.engine().equals(engine)).findFirst();
    }
  }

  /**
   * One cell on one engine.
   *
   * @param outcome {@code exit 3}, {@code timed out}, ...
   * @param exitCode the entrypoint's exit code, or {@code null} when it never started
   * @param split the cell's split from that engine's baseline, as the matrix printed it, or {@code
   *     null}
   */
  public record Entry(
      String engine,
      String outcome,
      Integer exitCode,
      long wallMillis,
      boolean traced,
      String split) {}

  /**
   * A cell whose outcome on {@code engine} differs from its outcome on the reference engine.
   *
   * @param summary the one line an on-call engineer reads
   * @param culprits syscalls that fail differently on the two engines, cause {@value #CAUSE}
   * @param note why there are no culprits (untraced, not traceable), or {@code null}
   */
  public record EngineSplit(
      String config,
      String reference,
      String engine,
      String referenceOutcome,
      String outcome,
      String summary,
      List<Culprit> culprits,
      String note) {
    public EngineSplit {
      culprits = culprits == null ? List.of() : List.copyOf(culprits);
    }
  }
}
