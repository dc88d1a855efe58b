package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Labels;
import io.splitcheck.engine.PodSettings;
import io.splitcheck.k8s.CauseRules;
import io.splitcheck.k8s.CellIdentity;
import io.splitcheck.k8s.ImageFile;
import io.splitcheck.k8s.OriginNotes;
import io.splitcheck.k8s.PathOrigin;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-reads the culprits attribution left {@code unknown} (or put on a dropped capability) with the
 * causes a pod brings ({@link CauseRules}): the cell's uid/gid, its limits, and the image's owners,
 * modes and file capabilities, looked up once per path through the engine.
 */
public final class KubeCauses {
  private final String imageUser;
  private static final Set<String> PATH_ERRNOS = Set.of("EROFS", "EACCES", "EPERM", "ENOENT");
  private final CauseRules.ImageFiles files;
  private final ImageOrigins origins;

  KubeCauses(String imageUser, CauseRules.ImageFiles files) {
    this(imageUser, files, new ImageOrigins(paths -> Map.of()));
  }

  KubeCauses(String imageUser, CauseRules.ImageFiles files, ImageOrigins origins) {
    this.imageUser = imageUser == null ? "" : imageUser;
    this.files = files;
    this.origins = origins;
  }

  /** Paths of {@code image} read through {@code engine}'s archive of a created container. */
  public static KubeCauses of(
      ContainerEngine engine, ContainerEngine.ImageConfig image, String imageRef, String runId) {
    Map<String, Optional<ImageFile>> cache = new ConcurrentHashMap<>();
    ImageOrigins origins =
        engine
            .imageStore()
            .map(s -> ImageOrigins.of(s, imageRef))
            .orElseGet(() -> new ImageOrigins(paths -> Map.of()));
    return new KubeCauses(
        image.user(),
        path ->
            cache.computeIfAbsent(
                path,
                p -> {
                  try {
                    return engine.stat(imageRef, p, Labels.forRun(runId, "stat"));
                  } catch (EngineException e) {
                    throw new UncheckedIOException(new IOException(e.getMessage(), e));
                  }
                }),
        origins);
  }

  /**
   * {@code found} with unknown and capability culprits replaced where a pod cause explains them.
   */
  public List<Culprit> refine(List<Culprit> found, Trace cellTrace, Cell cell) {
    CellIdentity who = identity(cell);
    List<Culprit> out = new ArrayList<>();
    Map<Culprit, String> blockers = new IdentityHashMap<>();
    for (Culprit c : found) {
      boolean open =
          c.cause().equals(Culprit.UNKNOWN)
              || c.cause().equals(Culprit.CAPABILITY)
                  && (who.uid() > 0 || c.syscall().equals("execve"));
      Optional<SyscallEvent> event = open ? firstEvent(cellTrace, c) : Optional.empty();
      Optional<Culprit> better = event.flatMap(e -> CauseRules.explain(e, who, files));
      // the pod cause replaces the cause and its evidence; the role, path and process stay
      // attribution's
      Culprit r =
          better
              .map(b -> b.with(c.role(), c.roleReason(), c.path(), c.process(), c.ancestry()))
              .orElse(c);
      if (r.cause().equals(CauseRules.USER)) {
        event
            .flatMap(e -> CauseRules.blocker(e, who, files))
            .ifPresent(b -> blockers.put(r, b.file().path()));
      }
      out.add(r);
    }
    return withOrigins(out, blockers);
  }

  /** Each path culprit's evidence says where its path came from in the image (layer, step). */
  private List<Culprit> withOrigins(List<Culprit> culprits, Map<Culprit, String> blockers) {
    Set<String> paths = new TreeSet<>();
    for (Culprit c : culprits) {
      if (c.path() != null && PATH_ERRNOS.contains(c.errno())) {
        paths.addAll(CauseRules.ancestors(c.path()));
      }
    }
    paths.addAll(blockers.values());
    if (paths.isEmpty()) {
      return List.copyOf(culprits);
    }
    Map<String, PathOrigin> known = origins.lookup(paths);
    List<Culprit> out = new ArrayList<>();
    for (Culprit c : culprits) {
      Optional<String> note =
          !PATH_ERRNOS.contains(c.errno())
              ? Optional.empty()
              : OriginNotes.note(c.errno(), c.path(), blockers.get(c), known, files);
      out.add(
          note.map(
                  n ->
                      new Culprit(
                          c.syscall(),
                          c.errno(),
                          c.cause(),
                          c.hazard(),
                          c.detail() + "; " + n,
                          c.role(),
                          c.roleReason(),
                          c.path(),
                          c.process(),
                          c.ancestry()))
              .orElse(c));
    }
    return List.copyOf(out);
  }

  CellIdentity identity(Cell cell) {
    PodSettings pod = cell.security().pod();
    String user = pod.effectiveUser(imageUser);
    long uid = pod.effectiveUid(imageUser);
    List<Long> gids = new ArrayList<>();
    if (user.contains(":") && user.substring(user.indexOf(':') + 1).matches("[0-9]+")) {
      gids.add(Long.parseLong(user.substring(user.indexOf(':') + 1)));
    } else {
      gids.add(uid == 0 || !user.contains(":") && !imageUser.equals(user) ? 0L : -1L);
    }
    pod.groupAdd().stream()
        .filter(g -> g.matches("[0-9]+"))
        .map(Long::parseLong)
        .forEach(gids::add);
    return new CellIdentity(
        uid,
        gids,
        PodCaps.effective(cell.security()),
        pod.limits().pids(),
        pod.limits().memoryBytes());
  }

  private static Optional<SyscallEvent> firstEvent(Trace t, Culprit c) {
    return t.events().stream()
        .filter(e -> e.name().equals(c.syscall()) && c.errno().equals(e.errno()))
        .findFirst();
  }
}
