package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.SyscallEvent;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CauseRulesTest {
  /**
   * security.capability of Debian 12's /usr/bin/ping (iputils-ping), read from the engine's archive
   * of the image.
   */
  static final byte[] PING_CAPS =
      HexFormat.of().parseHex("0100000200200000000000000000000000000000");

  private static final CellIdentity RESTRICTED =
      new CellIdentity(65532, List.of(0L), Set.of(), null, null);
  private static final Map<String, ImageFile> IMAGE =
      Map.of(
          "/var/cache/app", new ImageFile("/var/cache/app", 0, 0, 0755, true, null),
          "/var/cache", new ImageFile("/var/cache", 0, 0, 0755, true, null),
          "/var", new ImageFile("/var", 0, 0, 0755, true, null),
          "/usr/bin/ping", new ImageFile("/usr/bin/ping", 0, 0, 0755, false, PING_CAPS));

  private static Optional<Culprit> explain(SyscallEvent e, CellIdentity who) {
    return CauseRules.explain(e, who, p -> Optional.ofNullable(IMAGE.get(p)));
  }

  private static SyscallEvent event(String name, String args, String errno) {
    return new SyscallEvent(7, 12, name, args, "-1", errno);
  }

  @Test
  void creatingAFile_inARootOwnedDirectory_isUser_withOwnerModeAndFix() {
    Culprit c =
        explain(
                event(
                    "openat",
                    "AT_FDCWD, \"/var/cache/app/stamp\", O_WRONLY|O_CREAT|O_TRUNC, 0666",
                    "EACCES"),
                RESTRICTED)
            .orElseThrow();
    assertEquals(CauseRules.USER, c.cause());
    assertEquals(
        "/var/cache/app is owned by 0:0 with mode 0755 in the image; the cell runs as 65532:0, which "
            + "may not write it (fix: COPY --chown=65532:0 or chown in the Dockerfile; for OpenShift's arbitrary "
            + "UID, chgrp 0 and chmod g=u /var/cache/app; or mount an emptyDir (--tmpfs) at /var/cache/app)",
        c.detail());
  }

  @Test
  void groupWritableDirectory_isNotUser_forAMemberOfItsGroup() {
    Map<String, ImageFile> image = Map.of("/data", new ImageFile("/data", 0, 0, 0775, true, null));
    SyscallEvent e = event("mkdir", "\"/data/x\", 0777", "EACCES");
    assertEquals(
        Optional.empty(),
        CauseRules.explain(e, RESTRICTED, p -> Optional.ofNullable(image.get(p))));
    CellIdentity other = new CellIdentity(1000, List.of(1000L), Set.of(), null, null);
    assertEquals(
        CauseRules.USER,
        CauseRules.explain(e, other, p -> Optional.ofNullable(image.get(p))).orElseThrow().cause());
  }

  @Test
  void root_isNeverUser() {
    CellIdentity root = new CellIdentity(0, List.of(0L), Set.of(), null, null);
    assertEquals(
        Optional.empty(),
        explain(
            event("openat", "AT_FDCWD, \"/var/cache/app/x\", O_WRONLY|O_CREAT", "EACCES"), root));
  }

  @Test
  void execveEperm_ofPing_isFileCapability_whenTheBoundingSetLacksNetRaw() {
    Culprit c =
        explain(
                event(
                    "execve",
                    "\"/usr/bin/ping\", [\"ping\", \"-c\", \"1\"], 0x7ffd /* 4 vars */",
                    "EPERM"),
                new CellIdentity(0, List.of(0L), Set.of(), null, null))
            .orElseThrow();
    assertEquals(CauseRules.FILE_CAPABILITY, c.cause());
    assertTrue(
        c.detail().startsWith("/usr/bin/ping carries the file capability net_raw=ep"), c.detail());
    assertTrue(c.detail().contains("bounding set lacks CAP_NET_RAW"), c.detail());
    CellIdentity withNetRaw = new CellIdentity(0, List.of(0L), Set.of("CAP_NET_RAW"), null, null);
    assertEquals(
        Optional.empty(),
        explain(event("execve", "\"/usr/bin/ping\", [\"ping\"]", "EPERM"), withNetRaw));
  }

  @Test
  void cloneEagain_isPids_onlyUnderAPidsLimit() {
    SyscallEvent clone =
        event("clone", "child_stack=NULL, flags=CLONE_CHILD_SETTID|SIGCHLD", "EAGAIN");
    assertEquals(
        CauseRules.PIDS,
        explain(clone, new CellIdentity(0, List.of(0L), Set.of(), 32L, null))
            .orElseThrow()
            .cause());
    assertEquals(
        Optional.empty(), explain(clone, new CellIdentity(0, List.of(0L), Set.of(), null, null)));
  }

  @Test
  void fileCapabilities_decodeRevisionTwo() {
    assertEquals(List.of("CAP_NET_RAW"), FileCapabilities.permitted(PING_CAPS));
    assertTrue(FileCapabilities.effective(PING_CAPS));
  }
}
