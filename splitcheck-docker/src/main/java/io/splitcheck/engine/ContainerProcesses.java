package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A container's processes as pids inside its own PID namespace: {@code GET /containers/{id}/top}
 * gives host pids; the last {@code NSpid} field of {@code /proc/<pid>/status} maps each (the engine
 * runs on this host). When that cannot be read, pid 1 alone (with {@code -f}, its future children).
 */
final class ContainerProcesses {
  private ContainerProcesses() {}

  static List<Integer> namespacePids(DockerClient docker, String id) {
    TreeSet<Integer> pids = new TreeSet<>();
    try {
      TopContainerResponse top = docker.topContainerCmd(id).exec();
      int column = List.of(top.getTitles()).indexOf("PID");
      for (String[] row : top.getProcesses()) {
        nsPid(Integer.parseInt(row[column].trim())).ifPresent(pids::add);
      }
    } catch (RuntimeException e) {
      // fall through to pid 1
    }
    if (pids.isEmpty()) {
      pids.add(1);
    }
    return List.copyOf(pids);
  }

  /** The innermost pid of host pid {@code pid}, from its NSpid line. */
  static Optional<Integer> nsPid(int pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
        if (line.startsWith("NSpid:")) {
          String[] f = line.substring(6).trim().split("\\s+");
          return Optional.of(Integer.parseInt(f[f.length - 1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not on this host, or gone
    }
    return Optional.empty();
  }
}
