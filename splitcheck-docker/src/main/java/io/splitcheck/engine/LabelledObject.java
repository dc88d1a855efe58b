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
 */
public record LabelledObject(String kind, String id, String runId, long pid, String host, Instant created) {}
