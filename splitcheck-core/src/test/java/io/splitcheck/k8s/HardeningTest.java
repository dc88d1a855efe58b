package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.trace.Trace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardeningTest {
  /**
   * Captured with {@code strace -f -qq -s 256} (the tracer's options) of {@code sh -c 'date >
   * /tmp/hc/var/cache/app/stamp; mkdir -p /tmp/hc/run/x; chown 0:0 /tmp/hc/run/x; cat /etc/hostname
   * >/dev/null'} on Debian 12: mkdir -p walks down with chdir and fchdir.
   */
  private static final Path WRITER = Path.of("src/test/resources/fixtures/k8s/harden-writer.log");

  private static Trace trace(String... lines) {
    return Trace.parse(List.of(lines), "test");
  }

  @Test
  void writtenDirectories_followChdir_andTheOutermostIsKept_chownMakesItRoot() {
    Hardening h = Hardening.of(Trace.parse(WRITER), "", "/");
    // /tmp/hc/run was created in /tmp/hc (after chdir("/tmp"), chdir("hc")); the stamp's directory
    // is inside it
    assertEquals(List.of("/tmp/hc"), h.writable());
    assertEquals(List.of("CHOWN"), h.capabilities());
    assertEquals(0, h.uid(), "CAP_CHOWN acts for root only");
    assertFalse(h.network());
    assertTrue(h.readOnlyRoot());
    assertTrue(
        h.reasons().contains("capability CHOWN: fchownat (trace line 716)")
            || h.reasons().stream()
                .anyMatch(r -> r.startsWith("capability CHOWN: fchownat (trace line ")),
        h.reasons().toString());
  }

  @Test
  void aWriterWithoutCapabilities_runsAsTheNonRootDefault_andDevNullIsNotADirectoryToMount() {
    Hardening h =
        Hardening.of(
            trace(
                "7 openat(AT_FDCWD, \"/var/cache/app/stamp\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3",
                "7 openat(AT_FDCWD, \"/dev/null\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4",
                "7 openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 5",
                "7 openat(AT_FDCWD, \"state/lock\", O_RDWR|O_CREAT, 0600) = 6"),
            "",
            "/srv");
    assertEquals(List.of("/srv/state", "/var/cache/app"), h.writable());
    assertEquals(Hardening.NON_ROOT, h.uid());
    assertEquals(List.of(), h.capabilities());
    assertEquals(
        1001,
        Hardening.of(trace("7 getpid() = 7"), "1001:1001", "/").uid(),
        "the image's numeric USER");
  }

  @Test
  void network_isAnAddressBeyondLoopback_andAPrivilegedPortNeedsNetBindService() {
    Hardening local =
        Hardening.of(
            trace(
                "7 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3",
                "7 connect(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"),
            "",
            "/");
    assertFalse(local.network());
    Hardening server =
        Hardening.of(
            trace(
                "7 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3",
                "7 bind(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"0.0.0.0\")}, 16) = 0"),
            "",
            "/");
    assertTrue(server.network());
    assertEquals(List.of("NET_BIND_SERVICE"), server.capabilities());
    assertEquals(
        Hardening.NON_ROOT,
        server.uid(),
        "NET_BIND_SERVICE is granted to a non-root container process");
  }

  @Test
  void podSnippet_isAManifestTheParserReadsBack_asTheSameSettings() {
    Hardening h =
        new Hardening(
            65532,
            0,
            List.of("NET_BIND_SERVICE"),
            List.of("/var/cache/app"),
            false,
            true,
            List.of());
    String yaml =
        HardeningSnippets.kubernetes(h, "example/app:1", List.of("sh", "-c", "echo \"hi\""));
    PodContainer c = PodManifest.parse(yaml, "hardened.yaml").container(null, "example/app:1");
    assertEquals(65532L, c.runAsUser());
    assertEquals(0L, c.runAsGroup());
    assertTrue(c.runAsNonRoot() && c.noNewPrivileges() && c.readOnlyRoot() && c.dropsAll());
    assertEquals(List.of("NET_BIND_SERVICE"), c.capAdd());
    assertEquals("RuntimeDefault", c.seccomp());
    assertEquals(List.of("/var/cache/app"), List.copyOf(c.emptyDirs().keySet()));
    assertEquals(List.of("sh", "-c", "echo \"hi\""), c.command());
    assertEquals(
        "docker run --rm --user=65532:0 --cap-drop=ALL --cap-add=NET_BIND_SERVICE "
            + "--security-opt=no-new-privileges --read-only --tmpfs=/var/cache/app:mode=1777 --network=none "
            + "example/app:1 sh -c 'echo \"hi\"'",
        HardeningSnippets.dockerRun(h, "example/app:1", List.of("sh", "-c", "echo \"hi\"")));
    assertTrue(
        HardeningSnippets.compose(h, "example/app:1", List.of())
            .contains(
                "    tmpfs:\n      - " + "\"/var/cache/app:mode=1777\"\n    network_mode: none\n"));
  }
}
