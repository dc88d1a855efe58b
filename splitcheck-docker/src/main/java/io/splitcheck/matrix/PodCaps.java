package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.seccomp.CellRestrictions;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The capability set and writable mounts of a cell, its pod settings' add/drop and tmpfs included.
 */
final class PodCaps {
  private PodCaps() {}

  static Set<String> effective(ContainerSecurity s) {
    Set<String> caps =
        new TreeSet<>(s.dropAllCaps() ? Set.of() : CellRestrictions.DOCKER_DEFAULT_CAPS);
    s.pod().capDrop().stream().map(PodCaps::name).forEach(caps::remove);
    s.pod().capAdd().stream().map(PodCaps::name).forEach(caps::add);
    return caps;
  }

  static Set<String> writable(ContainerSecurity s) {
    Set<String> paths = new TreeSet<>(s.pod().tmpfs().keySet());
    paths.addAll(s.pod().emptyDirs().keySet());
    if (s.tmpfsTmp()) {
      paths.add("/tmp");
    }
    return paths;
  }

  /** {@code net_raw} and {@code NET_RAW} are {@code CAP_NET_RAW}. */
  static String name(String cap) {
    String upper = cap.toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
  }
}
