package io.splitcheck.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code gc} may remove of one engine's splitcheck objects: only what is provably dead (its
 * creator's {@link Owner} has ended, as the {@link ProcessTable} proves) or, with an age, older
 * than that. An object whose owner cannot be told (no owner label, another kernel, a pid namespace
 * not visible from here) is left to the age. Images of a run that keeps them ({@code twice --keep})
 * are never removed; their owner record goes once they are gone.
 */
public final class GcPolicy {
  /** One object to remove, and why. */
  public record Doomed(LabelledObject object, String why) {}

  private final Function<Owner, Liveness> liveness;
  private final Duration olderThan;
  private final Clock clock;

  /**
   * @param liveness usually {@link ProcessTable#check}
   * @param olderThan also remove what is older than this, alive or not; null: only the dead
   */
  public GcPolicy(Function<Owner, Liveness> liveness, Duration olderThan, Clock clock) {
    this.liveness = liveness;
    this.olderThan = olderThan;
    this.clock = clock;
  }

  /**
   * The objects to remove, in removal order (containers first, owner records last), then by run and
   * id.
   */
  public List<Doomed> select(List<LabelledObject> objects) {
    Map<String, LabelledObject> records = new HashMap<>();
    Map<String, Boolean> hasImages = new HashMap<>();
    for (LabelledObject o : objects) {
      if (o.kind().equals(LabelledObject.RECORD)) {
        records.put(o.runId(), o);
      } else if (o.kind().equals("image")) {
        hasImages.put(o.runId(), true);
      }
    }
    Map<String, Liveness> asked = new HashMap<>();
    List<Doomed> doomed = new ArrayList<>();
    for (LabelledObject o : objects) {
      LabelledObject record = records.get(o.runId());
      boolean kept = record != null && record.kept();
      if (kept && (o.kind().equals("image") || hasImages.containsKey(o.runId()))) {
        continue; // twice --keep: the images are the user's now
      }
      String ownerLabel = o.owner() != null ? o.owner() : record != null ? record.owner() : null;
      Liveness l =
          kept
              ? new Liveness(Liveness.State.DEAD, "its kept images are gone")
              : asked.computeIfAbsent(String.valueOf(ownerLabel), k -> check(ownerLabel));
      if (l.dead()) {
        doomed.add(new Doomed(o, l.why()));
      } else if (olderThan != null && olderThanAge(o)) {
        doomed.add(new Doomed(o, "older than " + olderThan));
      }
    }
    doomed.sort(
        Comparator.comparing((Doomed d) -> Janitor.REMOVAL_ORDER.indexOf(d.object().kind()))
            .thenComparing(d -> d.object().runId())
            .thenComparing(d -> d.object().id()));
    return List.copyOf(doomed);
  }

  private Liveness check(String ownerLabel) {
    Optional<Owner> owner = Owner.parse(ownerLabel);
    return owner.map(liveness).orElse(Liveness.unknown("no owner recorded"));
  }

  private boolean olderThanAge(LabelledObject o) {
    Instant created = o.created() != null ? o.created() : startOf(o.runId());
    return created != null && created.isBefore(clock.instant().minus(olderThan));
  }

  /** The start time a run id ({@code yyyyMMdd-HHmmss-pid}) begins with, or null. */
  static Instant startOf(String runId) {
    if (runId == null || runId.length() < 15) {
      return null;
    }
    try {
      return LocalDateTime.parse(
              runId.substring(0, 15), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
