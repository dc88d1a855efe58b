package io.splitcheck.report;

import io.splitcheck.audit.Finding;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes two nights' findings the same finding: the rule and the path, with what differs
 * between runs of the same thing taken out. A work folder's random suffix ({@code
 * /tmp/splitcheck-cache-check- 4711.../first.log}), a run id ({@code 20261202-021500-1234}) and the
 * temp directory itself are not part of a finding's identity; otherwise every night reports the
 * same cache finding as new and fixed.
 */
public final class FindingIdentity {
  /** {@code <tmp>/splitcheck-<prefix><digits>} as {@code Files.createTempDirectory} names it. */
  private static final Pattern WORK_FOLDER =
      Pattern.compile("(?:/(?:tmp|var/tmp)|\\$TMPDIR)?/(splitcheck-[A-Za-z-]*?)-?\\d{4,}(?=/|$)");

  /** A run id, {@code yyyyMMdd-HHmmss-pid}, wherever it appears (tags, log names). */
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-\\d+");

  private FindingIdentity() {}

  /** {@code rule NUL path-without-run-details}. */
  public static String of(Finding f) {
    String path = f.evidence() == null ? "" : Objects.toString(f.evidence().path(), "");
    return f.rule() + "\u0000" + stablePath(path);
  }

  /**
   * {@code path} with work folders as {@code <tmp>/splitcheck-<prefix>*} and run ids as {@code
   * <run>}.
   */
  public static String stablePath(String path) {
    String out = WORK_FOLDER.matcher(path).replaceAll("<tmp>/$1*");
    return RUN_ID.matcher(out).replaceAll("<run>");
  }
}
