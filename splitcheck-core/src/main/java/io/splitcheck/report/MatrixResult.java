package io.splitcheck.report;

import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.FailedSyscall;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code splitcheck matrix} found: the one record of a matrix result, written as {@code matrix
 * --json} (with {@code schemaVersion}), carried by report.json and rendered by every report and the
 * JUnit 5 extension. Cells keep the matrix's order. With {@code --on}, the cells and splits are the
 * reference engine's, and {@code engineGrid} holds every engine's (else null).
 */
public record MatrixResult(
    String image,
    String imageId,
    String baseline,
    List<CellResult> cells,
    List<Split> splits,
    List<String> warnings,
    EngineGrid engineGrid) {

  /** A matrix on one engine: no engine grid. */
  public MatrixResult(
      String image,
      String imageId,
      String baseline,
      List<CellResult> cells,
      List<Split> splits,
      List<String> warnings) {
    this(image, imageId, baseline, cells, splits, warnings, null);
  }

  public MatrixResult {
    cells = cells == null ? List.of() : List.copyOf(cells);
    splits = splits == null ? List.of() : List.copyOf(splits);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public Optional<CellResult> cell(String config) {
    return cells.stream().filter(c -> c.config().equals(config)).findFirst();
  }

  public Optional<Split> split(String config) {
    return splits.stream().filter(s -> s.config().equals(config)).findFirst();
  }

  /**
   * One cell's outcome: the one record of a matrix cell, written as {@code matrix --json}, carried
   * by report.json and rendered by the console, HTML and JUnit XML.
   *
   * @param exitCode the entrypoint's exit code ({@code null} when it never started)
   * @param stdout first bytes of the cell's stdout (capped by the matrix), or {@code null}
   * @param stdoutTruncated {@code true} when stdout was cut at the cap, else {@code null}
   * @param stdoutBytes how many bytes stdout had in all, when it was cut, else {@code null}
   * @param stderr first bytes of the cell's stderr, or {@code null}
   * @param startError why the container did not start, or {@code null}
   * @param traced whether the cell's trace was read (a traced run that could be traced)
   * @param traceable {@code false} when the cell was traced but could not be (e.g. its profile
   *     forbids ptrace)
   * @param traceNote why it could not be traced, or {@code null}
   * @param engine the engine that ran the cell, or {@code null} when not recorded (reports of older
   *     versions)
   */
  public record CellResult(
      String config,
      Integer exitCode,
      boolean timedOut,
      boolean oomKilled,
      long wallMillis,
      List<FailedSyscall> failedSyscalls,
      String stdout,
      Boolean stdoutTruncated,
      Long stdoutBytes,
      String stderr,
      Boolean stderrTruncated,
      Long stderrBytes,
      String startError,
      boolean traced,
      Boolean traceable,
      String traceNote,
      Engine engine) {
    public CellResult {
      failedSyscalls = failedSyscalls == null ? List.of() : List.copyOf(failedSyscalls);
      traceable = traceable == null ? Boolean.TRUE : traceable;
    }

    public CellResult(
        String config,
        Integer exitCode,
        boolean timedOut,
        boolean oomKilled,
        long wallMillis,
        List<FailedSyscall> failedSyscalls,
        String stdout,
        String stderr,
        String startError,
        Engine engine) {
      this(
          config,
          exitCode,
          timedOut,
          oomKilled,
          wallMillis,
          failedSyscalls,
          stdout,
          null,
          null,
          stderr,
          null,
          null,
          startError,
          false,
          true,
          null,
          engine);
    }

    public CellResult(
        String config,
        Integer exitCode,
        boolean timedOut,
        boolean oomKilled,
        long wallMillis,
        List<FailedSyscall> failedSyscalls,
        String stdout,
        String stderr,
        String startError) {
      this(
          config,
          exitCode,
          timedOut,
          oomKilled,
          wallMillis,
          failedSyscalls,
          stdout,
          stderr,
          startError,
          null);
    }

    public CellResult withEngine(Engine e) {
      return new CellResult(
          config,
          exitCode,
          timedOut,
          oomKilled,
          wallMillis,
          failedSyscalls,
          stdout,
          stdoutTruncated,
          stdoutBytes,
          stderr,
          stderrTruncated,
          stderrBytes,
          startError,
          traced,
          traceable,
          traceNote,
          e);
    }

    /** {@code exit 3}, {@code timed out}, {@code OOM-killed}, {@code did not start}. */
    public String outcome() {
      if (timedOut) {
        return "timed out";
      }
      if (oomKilled) {
        return "OOM-killed";
      }
      return exitCode == null ? "did not start" : "exit " + exitCode;
    }

    /** A short cell result without output, for tests and mappers. */
    public static CellResult of(
        String config,
        Integer exitCode,
        boolean timedOut,
        long wallMillis,
        List<FailedSyscall> failedSyscalls) {
      return new CellResult(
          config, exitCode, timedOut, false, wallMillis, failedSyscalls, null, null, null);
    }
  }

  /**
   * The engine that ran a cell, as {@code GET /info} described it.
   *
   * @param host the URL splitcheck talked to, e.g. {@code unix:///var/run/docker.sock}
   * @param version the engine's version, e.g. {@code 20.10.24+dfsg1}
   * @param seccompDefault whether containers run under a seccomp filter when a cell sets none
   * @param seccompProfile the engine's default profile ({@code default}, a file, {@code
   *     unconfined}), or {@code null} when the engine reports no seccomp
   */
  public record Engine(String host, String version, boolean seccompDefault, String seccompProfile) {
    /** {@code unix:///var/run/docker.sock, Docker 20.10.24+dfsg1, seccomp default: default}. */
    public String describe() {
      return host + ", Docker " + version + ", seccomp default: " + seccompDefaultName();
    }

    /**
     * The default profile's name, {@code unconfined}, or {@code none} (no seccomp on the engine).
     */
    public String seccompDefaultName() {
      return seccompProfile == null ? "none" : seccompProfile;
    }
  }

  /** The engines that ran this matrix's cells, each once, by host. */
  public List<Engine> engines() {
    return cells.stream()
        .map(CellResult::engine)
        .filter(Objects::nonNull)
        .distinct()
        .sorted(Comparator.comparing(Engine::host))
        .toList();
  }

  /**
   * A cell whose outcome differs from the baseline's.
   *
   * @param summary the one line an on-call engineer reads, as the matrix printed it
   * @param note e.g. "not traceable under this profile", or {@code null}
   * @param excerpt the split cell's telling stderr line, or {@code null}
   */
  public record Split(
      String config,
      String baseline,
      String summary,
      List<Culprit> culprits,
      String note,
      String excerpt) {
    public Split {
      culprits = culprits == null ? List.of() : List.copyOf(culprits);
    }

    public Split(
        String config, String baseline, String summary, List<Culprit> culprits, String note) {
      this(config, baseline, summary, culprits, note, null);
    }
  }
}
