package io.splitcheck.reliability;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A second dockerd that this test starts and may therefore stop: its own socket, data root (vfs),
 * exec root and pid file under a temp folder, and its own network namespace ({@code unshare
 * --net}), because {@code --bridge none} makes dockerd delete the host's {@code docker0}, which the
 * shared engine uses.
 */
final class PrivateEngine implements AutoCloseable {
  private final Path dir;
  private final Process dockerd;
  private final String host;

  private PrivateEngine(Path dir, Process dockerd, String host) {
    this.dir = dir;
    this.dockerd = dockerd;
    this.host = host;
  }

  /**
   * Starts it and waits until it answers; null when this host cannot run one (not root, no
   * unshare).
   */
  static PrivateEngine start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "scd-");
    String host = "unix://" + dir.resolve("d.sock");
    Process p =
        new ProcessBuilder(
                "unshare",
                "--net",
                "dockerd",
                "--host",
                host,
                "--data-root",
                dir.resolve("data").toString(),
                "--exec-root",
                dir.resolve("exec").toString(),
                "--pidfile",
                dir.resolve("d.pid").toString(),
                "--bridge",
                "none",
                "--iptables=false",
                "--ip-masq=false",
                "--storage-driver",
                "vfs",
                "--shutdown-timeout",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dockerd.log").toFile())
            .start();
    PrivateEngine engine = new PrivateEngine(dir, p, host);
    try (DockerClient client = DockerClients.forHost(host)) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  !p.isAlive()
                      || Files.exists(dir.resolve("d.sock")) && DockerClients.answers(client));
      if (p.isAlive()) {
        return engine;
      }
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported below with the engine's log
    }
    String log = Files.readString(dir.resolve("dockerd.log"));
    engine.close();
    throw new IOException("the private dockerd did not answer at " + host + ":\n" + log);
  }

  String host() {
    return host;
  }

  long pid() {
    return dockerd.pid();
  }

  /**
   * {@code docker save TAG | docker -H HOST load}: the image from the shared engine into this one.
   */
  void load(String tag) throws IOException, InterruptedException {
    BusyboxImage.exec(
        List.of(
            "sh",
            "-c",
            BusyboxImage.DOCKER
                + " save "
                + tag
                + " | "
                + BusyboxImage.DOCKER
                + " -H "
                + host
                + " load"),
        120);
  }

  /** The engine going away: SIGKILL to dockerd (its containerd is stopped in {@link #close()}). */
  void kill() throws InterruptedException {
    dockerd.destroyForcibly();
    dockerd.waitFor(30, TimeUnit.SECONDS);
  }

  String log() throws IOException {
    return Files.readString(dir.resolve("dockerd.log"));
  }

  /** Stops dockerd and every process still running from its exec root, then deletes the folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    dockerd.destroy();
    if (!dockerd.waitFor(20, TimeUnit.SECONDS)) {
      dockerd.destroyForcibly();
    }
    String root = dir.toString();
    List<ProcessHandle> mine =
        ProcessHandle.allProcesses()
            .filter(h -> h.info().commandLine().map(c -> c.contains(root)).orElse(false))
            .toList();
    List<ProcessHandle> killed = new ArrayList<>();
    for (ProcessHandle h : mine) {
      h.descendants()
          .forEach(
              d -> {
                d.destroyForcibly();
                killed.add(d);
              });
      h.destroyForcibly();
      killed.add(h);
    }
    for (ProcessHandle h : killed) { // their mounts go only once they are gone
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // unmounted lazily below either way
      }
    }
    new ProcessBuilder(
            "sh",
            "-c",
            "grep ' "
                + root
                + "' /proc/mounts | cut -d' ' -f2 | sort -r | "
                + "xargs -r -n1 umount -l; rm -rf "
                + root)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
  }
}
