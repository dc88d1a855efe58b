package io.splitcheck.engine;

import java.time.Instant;

/**
 * A container, volume, network or image splitcheck created, as {@code gc} sees it.
 *
 * @param kind {@code container}, {@code volume}, {@code network} or {@code image}
 * @param id the engine's id (or name, for volumes)
 * @param runId the run that created it
 * @param pid the creating process, or -1 when unknown
 * @param host the host that process ran on, or null when unknown
 * @param created when the engine created it, or null when unknown (volumes on old engines)
 * @param owner who created it ({@link Labels#OWNER}), or null when the object does not say (an
 *     image tracked by tag: its run's owner record says)
 * @param kept a run's owner record whose images are kept ({@code twice --keep})
 */
public record LabelledObject(
    String kind,
    String id,
    String runId,
    long pid,
    String host,
    Instant created,
    String owner,
    boolean kept) {
  /**
   * The kind of a run's owner record (a labelled volume): who runs it, whether its images are kept.
   */
  public static final String RECORD = "record";

  public LabelledObject(
      String kind, String id, String runId, long pid, String host, Instant created) {
    this(kind, id, runId, pid, host, created, null, false);
  }
}
