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
 * The eBPF tracer's cgroup directories: a root {@code splitcheck-ebpf-PID} in the cgroup v2
 * hierarchy, made before the program loads so its id is known to it, and one directory per traced
 * cell below it, made when the cell is about to start. runc makes the same path in each v1
 * hierarchy (a hybrid host) and the container's leaf below it; removal takes them all away again,
 * leaves first.
 */
final class CgroupDirs {
  private final Path v2;
  private final String root;

  private CgroupDirs(Path v2, String root) {
    this.v2 = v2;
    this.root = root;
  }

  /** Where the cgroup v2 hierarchy is mounted ({@code /sys/fs/cgroup/unified} on a hybrid host). */
  static Optional<Path> v2Mount() {
    return mounts("cgroup2").stream().findFirst();
  }

  static CgroupDirs create(String root) throws EngineException {
    Path v2 = v2Mount().orElseThrow(() -> new EngineException("no cgroup v2 hierarchy is mounted"));
    new CgroupDirs(v2, root).removeQuietly(); // a dead tracer's leftovers of the same name
    try {
      Files.createDirectories(v2.resolve(root));
    } catch (IOException e) {
      throw new EngineException("mkdir " + v2.resolve(root) + " failed: " + e.getMessage(), e);
    }
    return new CgroupDirs(v2, root);
  }

  long rootId() throws EngineException {
    return inode(v2.resolve(root));
  }

  /**
   * Makes cell {@code name}'s directory and returns its id (inode number), as the records carry it.
   */
  long createCell(String name) throws EngineException {
    Path dir = v2.resolve(root).resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EngineException("mkdir " + dir + " failed: " + e.getMessage(), e);
    }
    return inode(dir);
  }

  /** rmdir of root {@code root} and everything below it in every hierarchy; busy ones stay. */
  static void removeRootQuietly(String root) {
    v2Mount().ifPresent(v2 -> new CgroupDirs(v2, root).removeQuietly());
  }

  /** The names of the cell directories below the root now, sorted. */
  List<String> cells() {
    try (var list = Files.list(v2.resolve(root))) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The cgroup parent cell {@code name} runs under, as the engine's --cgroup-parent. */
  String cellParent(String name) {
    return "/" + root + "/" + name;
  }

  /**
   * The id (inode number) of the cgroup v2 directory at {@code path} below the hierarchy's mount.
   */
  static long idOf(String path) throws EngineException {
    Path v2 = v2Mount().orElseThrow(() -> new EngineException("no cgroup v2 hierarchy is mounted"));
    return inode(v2.resolve(path.startsWith("/") ? path.substring(1) : path));
  }

  private static long inode(Path dir) throws EngineException {
    try {
      return ((Number) Files.getAttribute(dir, "unix:ino")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      throw new EngineException("reading the inode of " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * rmdir of cell {@code name}'s directories in every hierarchy, deepest first; what is busy stays.
   */
  void removeCellQuietly(String name) {
    removeQuietly(root + "/" + name);
  }

  /**
   * rmdir of every directory below the root in every hierarchy, deepest first; what is busy stays.
   */
  void removeQuietly() {
    removeQuietly(root);
  }

  private void removeQuietly(String relative) {
    List<Path> roots = new ArrayList<>(mounts("cgroup"));
    roots.add(v2);
    for (Path hierarchy : roots) {
      Path dir = hierarchy.resolve(relative);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var walk = Files.walk(dir)) {
        walk.filter(Files::isDirectory)
            .sorted((a, b) -> b.getNameCount() - a.getNameCount())
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
