package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineInfoTest {
  private static final String HOST = "unix:///var/run/docker.sock";

  @Test
  void of_readsDefaultProfile_fromDocker2010SecurityOptions() {
    // GET /info SecurityOptions of the engine these tests run against (Docker 20.10.24)
    EngineInfo i =
        EngineInfo.of(HOST, "20.10.24+dfsg1", List.of("name=seccomp,profile=default"), 2);
    assertEquals("default", i.seccompProfile());
    assertTrue(i.seccompDefault());
    assertEquals(2, i.cpus());
    assertEquals("20.10.24+dfsg1", i.version());
  }

  @Test
  void of_reportsNoSeccompDefault_whenEngineRunsUnconfined() {
    EngineInfo i =
        EngineInfo.of(
            HOST,
            "24.0.7",
            List.of("name=apparmor", "name=seccomp,profile=unconfined", "name=cgroupns"),
            8);
    assertEquals("unconfined", i.seccompProfile());
    assertFalse(i.seccompDefault());
  }

  @Test
  void of_keepsCustomProfilePath_andRootlessOptions() {
    EngineInfo i =
        EngineInfo.of(
            HOST,
            "25.0.3",
            List.of("name=seccomp,profile=/etc/docker/seccomp.json", "name=rootless"),
            null);
    assertEquals("/etc/docker/seccomp.json", i.seccompProfile());
    assertTrue(i.seccompDefault());
    assertEquals(1, i.cpus());
  }

  @Test
  void of_reportsNoSeccomp_whenEngineListsNone() {
    EngineInfo i = EngineInfo.of(HOST, null, null, 4);
    assertNull(i.seccompProfile());
    assertFalse(i.seccompDefault());
    assertEquals("unknown", i.version());
  }

  @Test
  void sameEngineAs_comparesIdNameAndRootDir_neverUnknownIdentities() {
    EngineInfo a = EngineInfo.of(HOST, "20.10.24", List.of(), 2, "ZPWU:XQU2 vm /var/lib/docker");
    EngineInfo alias =
        EngineInfo.of(
            "unix:///run/docker.sock", "20.10.24", List.of(), 2, "ZPWU:XQU2 vm /var/lib/docker");
    EngineInfo second =
        EngineInfo.of("unix:///tmp/d.sock", "20.10.24", List.of(), 2, "ZPWU:XQU2 vm /tmp/data");
    assertTrue(a.sameEngineAs(alias));
    assertFalse(
        a.sameEngineAs(second), "a second dockerd of the host shares the key, not the root dir");
    assertFalse(
        new EngineInfo(HOST, "1", null, 1).sameEngineAs(new EngineInfo(HOST, "1", null, 1)));
  }
}
