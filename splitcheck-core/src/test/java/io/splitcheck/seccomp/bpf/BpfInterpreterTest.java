package io.splitcheck.seccomp.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.seccomp.SeccompActions;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On filters captured from runc 1.1's path (libseccomp 2.5.4's export plus the -ENOSYS stub,
 * written by the libseccomp-backed compiler for Docker's 20.10.24 and 19.03.0 defaults with
 * Docker's default capabilities).
 */
class BpfInterpreterTest {

  private static BpfProgram fixture(String name) throws Exception {
    URL url = BpfInterpreterTest.class.getResource("/fixtures/seccomp/" + name);
    // the filter compiled from Docker 19.03's historical profile is not committed (see Historical)
    Assumptions.assumeTrue(url != null, name + " not present");
    Path p = Path.of(url.toURI());
    return BpfProgram.parse(Files.readAllBytes(p), name);
  }

  private static long run(BpfProgram p, int nr, long... args) {
    return BpfInterpreter.run(p, new SeccompData(nr, SeccompData.AUDIT_ARCH_X86_64, 0, args));
  }

  @Test
  void run_answersAsTheKernel_onDockers20_10Default() throws Exception {
    BpfProgram p = fixture("engine-default.runc-1.1-libseccomp-2.5.4.x86_64.bpf");

    assertEquals(974, p.size());
    assertEquals(SeccompActions.ALLOW, SeccompReturn.action(run(p, 318)), "getrandom");
    assertEquals(1, SeccompReturn.errno(run(p, 246)), "kexec_load: EPERM");
    assertEquals(38, SeccompReturn.errno(run(p, 435)), "clone3: the rule's errnoRet ENOSYS");
    assertEquals(
        38, SeccompReturn.errno(run(p, 450)), "above every named syscall (449): runc's stub");
    assertEquals(
        SeccompActions.ALLOW, SeccompReturn.action(run(p, 135, 8)), "personality(PER_LINUX32)");
    assertEquals(1, SeccompReturn.errno(run(p, 135, 0x1234)), "personality(0x1234)");
    assertEquals(
        SeccompActions.KILL_THREAD,
        SeccompReturn.action(BpfInterpreter.run(p, new SeccompData(0, 0xdeadbeefL, 0, null))),
        "an architecture not in the filter: libseccomp's bad-arch" + " action, SCMP_ACT_KILL");
  }

  @Test
  void run_givesClone3AndFaccessat2Enosys_onDockers19_03Default() throws Exception {
    BpfProgram p = fixture("docker-19.03.0.runc-1.1-libseccomp-2.5.4.x86_64.bpf");

    assertEquals(38, SeccompReturn.errno(run(p, 435)), "clone3");
    assertEquals(38, SeccompReturn.errno(run(p, 439)), "faccessat2");
    assertEquals(
        1, SeccompReturn.errno(run(p, 246)), "kexec_load is named: the filter answers EPERM");
    assertEquals(SeccompActions.ALLOW, SeccompReturn.action(run(p, 332)), "statx");
  }

  @Test
  void parse_roundTrips_andRejectsPartialInstructions() throws Exception {
    BpfProgram p = fixture("docker-19.03.0.runc-1.1-libseccomp-2.5.4.x86_64.bpf");
    assertEquals(p, BpfProgram.parse(p.toBytes(), "again"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BpfProgram.parse(new byte[12], "short.bpf"));
    assertEquals(
        "Error parsing BPF program 'short.bpf': 12 bytes is not a whole number of 8-byte instructions",
        e.getMessage());
  }

  @Test
  void run_rejectsAProgramThatRunsOffItsEnd() {
    BpfProgram p = new BpfProgram(List.of(BpfInstruction.stmt(BpfInstruction.LD_W_ABS, 0)));
    assertThrows(IllegalArgumentException.class, () -> run(p, 0));
  }
}
