package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory peak of a container that the engine removes at exit: the container runs under a cgroup
 * parent of its own ({@code --cgroup-parent /splitcheck-peak-PID-N}, the cgroupfs driver), which
 * outlives it and whose hierarchical counter holds the child's high-water mark: cgroup v1's {@code
 * memory.max_usage_in_bytes}, cgroup v2's {@code memory.peak} (Linux 5.19+). Read after the exit,
 * then the parent directories are removed from every hierarchy.
 */
final class MemoryPeaks {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");

  private MemoryPeaks() {}

  /** A fresh parent, unique on this host. */
  static String parent() {
    return "/splitcheck-peak-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  /**
   * Whether this host's cgroups can give a peak (a v1 memory hierarchy, or v2 with memory.peak).
   */
  static boolean available() {
    return v1Memory().isPresent()
        || v2().map(r -> Files.exists(r.resolve("memory.stat"))).orElse(false);
  }

  /** The parent's high-water mark in bytes, or null when no hierarchy says. */
  static Long read(String parent) {
    Optional<Path> v1 = v1Memory();
    Path file =
        v1.isPresent()
            ? v1.get().resolve(parent.substring(1)).resolve("memory.max_usage_in_bytes")
            : v2().map(r -> r.resolve(parent.substring(1)).resolve("memory.peak")).orElse(null);
    try {
      return file == null || !Files.isReadable(file)
          ? null
          : Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * rmdir of the parent in every hierarchy (the engine removed the container's own cgroup below
   * it).
   */
  static void remove(String parent) {
    for (Path root : mounts()) {
      Path dir = root.resolve(parent.substring(1));
      if (Files.isDirectory(dir)) {
        dir.toFile().delete();
      }
    }
  }

  private static Optional<Path> v1Memory() {
    return lines().stream()
        .map(l -> l.split(" "))
        .filter(
            f ->
                f.length > 3
                    && f[2].equals("cgroup")
                    && List.of(f[3].split(",")).contains("memory"))
        .map(f -> Path.of(f[1]))
        .findFirst();
  }

  private static Optional<Path> v2() {
    return lines().stream()
        .map(l -> l.split(" "))
        .filter(f -> f.length > 2 && f[2].equals("cgroup2"))
        .map(f -> Path.of(f[1]))
        .findFirst();
  }

  private static List<Path> mounts() {
    List<Path> out = new ArrayList<>();
    for (String l : lines()) {
      String[] f = l.split(" ");
      if (f.length > 2 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))) {
        out.add(Path.of(f[1]));
      }
    }
    return out;
  }

  private static List<String> lines() {
    try {
      return Files.readAllLines(PROC_MOUNTS, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }
}
