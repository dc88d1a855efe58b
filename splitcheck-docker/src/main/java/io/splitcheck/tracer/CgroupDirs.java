package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The eBPF tracer's cgroup directories: {@code RUN/cell-I} in the cgroup v2 hierarchy, made before the cells
 * start so their ids are known to the program. runc makes the same path in each v1 hierarchy (a hybrid host)
 * and the container's leaf below it; removal takes them all away again, leaves first.
 */
final class CgroupDirs {
  private final Path v2;
  private final String run;
  private final int cells;

  private CgroupDirs(Path v2, String run, int cells) {
    this.v2 = v2;
    this.run = run;
    this.cells = cells;
  }

  /** Where the cgroup v2 hierarchy is mounted ({@code /sys/fs/cgroup/unified} on a hybrid host). */
  static Optional<Path> v2Mount() {
    return mounts("cgroup2").stream().findFirst();
  }

  static CgroupDirs create(String run, int cells) throws EngineException {
    Path v2 = v2Mount().orElseThrow(() -> new EngineException("no cgroup v2 hierarchy is mounted"));
    CgroupDirs d = new CgroupDirs(v2, run, cells);
    try {
      for (int i = 0; i < cells; i++) {
        Files.createDirectories(v2.resolve(run).resolve("cell-" + i));
      }
    } catch (IOException e) {
      d.removeQuietly();
      throw new EngineException("mkdir " + v2.resolve(run) + " failed: " + e.getMessage(), e);
    }
    return d;
  }

  long runId() throws EngineException {
    return inode(v2.resolve(run));
  }

  long cellId(int cell) {
    try {
      return inode(v2.resolve(run).resolve("cell-" + cell));
    } catch (EngineException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  String cellParent(int cell) {
    return "/" + run + "/cell-" + cell;
  }

  private static long inode(Path dir) throws EngineException {
    try {
      return ((Number) Files.getAttribute(dir, "unix:ino")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      throw new EngineException("reading the inode of " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** rmdir of every directory below RUN in every hierarchy, deepest first; what is still busy stays. */
  void removeQuietly() {
    List<Path> roots = new ArrayList<>(mounts("cgroup"));
    roots.add(v2);
    for (Path root : roots) {
      Path dir = root.resolve(run);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var walk = Files.walk(dir)) {
        walk.filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount())
            .forEach(p -> p.toFile().delete());
      } catch (IOException | RuntimeException e) {
        // left for the next run's janitor; cgroup directories hold no data
      }
    }
  }

  private static List<Path> mounts(String type) {
    List<Path> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        if (f.length > 2 && f[2].equals(type)) {
          out.add(Path.of(f[1]));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }
}
