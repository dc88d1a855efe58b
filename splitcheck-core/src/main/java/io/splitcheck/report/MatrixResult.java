package io.splitcheck.report;

import java.util.List;
import java.util.Optional;

/**
 * What {@code splitcheck matrix} found, as the report carries it: the fields of
 * {@code matrix --json}, so that document reads straight into this record. Cells keep the matrix's
 * order.
 */
public record MatrixResult(String image, String imageId, String baseline, List<CellResult> cells,
    List<Split> splits, List<String> warnings) {

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
   * One cell's outcome.
   *
   * @param exitCode the entrypoint's exit code ({@code null} when it never started)
   * @param stdout first bytes of the cell's stdout (capped by the matrix), or {@code null}
   * @param stderr first bytes of the cell's stderr, or {@code null}
   * @param startError why the container did not start, or {@code null}
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
      String stderr,
      String startError,
      Engine engine) {
    public CellResult {
      failedSyscalls = failedSyscalls == null ? List.of() : List.copyOf(failedSyscalls);
    }

    public CellResult(String config, Integer exitCode, boolean timedOut, boolean oomKilled,
        long wallMillis, List<FailedSyscall> failedSyscalls, String stdout, String stderr,
        String startError) {
      this(config, exitCode, timedOut, oomKilled, wallMillis, failedSyscalls, stdout, stderr,
          startError, null);
    }

    public CellResult withEngine(Engine e) {
      return new CellResult(config, exitCode, timedOut, oomKilled, wallMillis, failedSyscalls, stdout,
          stderr, startError, e);
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
    public static CellResult of(String config, Integer exitCode, boolean timedOut, long wallMillis,
        List<FailedSyscall> failedSyscalls) {
      return new CellResult(config, exitCode, timedOut, false, wallMillis, failedSyscalls, null, null,
          null);
    }
  }

  /**
   * The engine that ran a cell, as {@code GET /info} described it.
   *
   * @param host the URL splitcheck talked to, e.g. {@code unix:///var/run/docker.sock}
   * @param version the engine's version, e.g. {@code 20.10.24+dfsg1}
   * @param seccompDefault whether containers run under a seccomp filter when a cell sets none
   * @param seccompProfile the engine's default profile ({@code default}, a file, {@code unconfined}),
   *     or {@code null} when the engine reports no seccomp
   */
  public record Engine(String host, String version, boolean seccompDefault, String seccompProfile) {
    /** {@code unix:///var/run/docker.sock, Docker 20.10.24+dfsg1, seccomp default: default}. */
    public String describe() {
      return host + ", Docker " + version + ", seccomp default: " + seccompDefaultName();
    }

    /** The default profile's name, {@code unconfined}, or {@code none} (no seccomp on the engine). */
    public String seccompDefaultName() {
      return seccompProfile == null ? "none" : seccompProfile;
    }
  }

  /** The engines that ran this matrix's cells, each once, by host. */
  public List<Engine> engines() {
    return cells.stream().map(CellResult::engine).filter(java.util.Objects::nonNull).distinct()
        .sorted(java.util.Comparator.comparing(Engine::host)).toList();
  }

  /** A syscall that failed in a cell's trace. */
  public record FailedSyscall(String name, String errno, int count) {}

  /**
   * A cell whose outcome differs from the baseline's.
   *
   * @param summary the one line an on-call engineer reads, as the matrix printed it
   * @param note e.g. "not traceable under this profile", or {@code null}
   */
  public record Split(String config, String baseline, String summary, List<Culprit> culprits,
      String note) {
    public Split {
      culprits = culprits == null ? List.of() : List.copyOf(culprits);
    }
  }

  /**
   * A syscall behind a split.
   *
   * @param cause seccomp, capability, read-only or network
   * @param hazard an errno hazard hint (EPERM where libc falls back only on ENOSYS), or {@code null}
   * @param detail the evidence, e.g. the profile rule, or {@code null}
   */
  public record Culprit(String syscall, String errno, String cause, String hazard, String detail) {
    /** {@code getrandom/EPERM}. */
    public String key() {
      return syscall + "/" + errno;
    }
  }
}
