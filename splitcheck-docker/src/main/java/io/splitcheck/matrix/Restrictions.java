package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.EngineCompat;
import io.splitcheck.seccomp.SeccompProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What each cell restricts, in the terms attribution reasons with. */
public final class Restrictions {
  private Restrictions() {}

  /**
   * @param engineDefault the engine's default profile, or null when it could not be found (then
   *     cells under it are attributed without seccomp)
   */
  public static CellRestrictions of(Cell cell, SeccompProfile engineDefault) {
    return of(cell, engineDefault, null);
  }

  /**
   * With the Docker engine's version, a custom profile is attributed as that engine applies it
   * ({@code EngineCompat.asLoaded}: Docker 20.10 drops {@code defaultErrnoRet}); null or a
   * non-Docker version: as written.
   */
  public static CellRestrictions of(Cell cell, SeccompProfile engineDefault, String engineVersion) {
    ContainerSecurity s = cell.security();
    SeccompProfile profile =
        switch (s.seccomp()) {
          case UNCONFINED -> null;
          case ENGINE_DEFAULT -> engineDefault;
          case CUSTOM ->
              parseOrNull(s.profileJson(), "cell " + cell.name() + " (" + cell.origin() + ")");
        };
    if (profile != null && s.seccomp() == ContainerSecurity.Seccomp.CUSTOM) {
      SeccompProfile written = profile;
      profile =
          EngineCompat.dockerTarget(engineVersion)
              .map(t -> EngineCompat.asLoaded(written, t))
              .orElse(written);
    }
    Set<String> caps = PodCaps.effective(s);
    Set<String> writable = PodCaps.writable(s);
    return new CellRestrictions(
        cell.name(),
        profile,
        s.seccomp() == ContainerSecurity.Seccomp.ENGINE_DEFAULT && engineDefault != null,
        caps,
        s.readOnlyRoot(),
        writable,
        s.noNetwork());
  }

  /**
   * A profile splitcheck cannot evaluate (the engine may still accept it) gives no seccomp causes.
   */
  private static SeccompProfile parseOrNull(String json, String source) {
    try {
      return SeccompProfile.parse(json, source);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One entry per cell of the plan, in plan order. */
  public static Map<String, CellRestrictions> forPlan(
      MatrixPlan plan, SeccompProfile engineDefault) {
    return forPlan(plan, engineDefault, null);
  }

  /** As {@link #of(Cell, SeccompProfile, String)} for every cell of the plan, in plan order. */
  public static Map<String, CellRestrictions> forPlan(
      MatrixPlan plan, SeccompProfile engineDefault, String engineVersion) {
    Map<String, CellRestrictions> byCell = new LinkedHashMap<>();
    for (Cell c : plan.cells()) {
      byCell.put(c.name(), of(c, engineDefault, engineVersion));
    }
    return byCell;
  }
}
