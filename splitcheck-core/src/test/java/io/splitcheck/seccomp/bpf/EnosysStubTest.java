package io.splitcheck.seccomp.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.seccomp.BundledSyscallTable;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.Historical;
import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SeccompProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnosysStubTest {

  private static final long FILTER = 0x7fff0000L | 0x5c;

  /** The stub followed by one instruction standing for libseccomp's filter. */
  private static long run(List<BpfInstruction> stub, long arch, int nr) {
    BpfProgram p =
        new BpfProgram(List.of(BpfInstruction.stmt(BpfInstruction.RET_K, FILTER))).prepend(stub);
    return BpfInterpreter.run(p, new SeccompData(nr, arch, 0, null));
  }

  @Test
  void generate_answersEnosysAboveTheLastNamedSyscall_perArchitecture_andX32ByItsOwnLimit() {
    List<BpfInstruction> stub =
        EnosysStub.generate(
            Map.of(
                SeccompData.AUDIT_ARCH_X86_64,
                    Map.of("SCMP_ARCH_X86_64", 333, "SCMP_ARCH_X32", 0x40000000 + 547),
                SeccompData.AUDIT_ARCH_I386, Map.of("SCMP_ARCH_X86", 385)));

    assertEquals(FILTER, run(stub, SeccompData.AUDIT_ARCH_X86_64, 333));
    assertEquals(EnosysStub.RET_ERRNO_ENOSYS, run(stub, SeccompData.AUDIT_ARCH_X86_64, 334));
    assertEquals(EnosysStub.RET_ERRNO_ENOSYS, run(stub, SeccompData.AUDIT_ARCH_X86_64, 435));
    assertEquals(
        FILTER, run(stub, SeccompData.AUDIT_ARCH_X86_64, 0x40000000 + 435), "x32 below its limit");
    assertEquals(
        EnosysStub.RET_ERRNO_ENOSYS, run(stub, SeccompData.AUDIT_ARCH_X86_64, 0x40000000 + 548));
    assertEquals(FILTER, run(stub, SeccompData.AUDIT_ARCH_I386, 385));
    assertEquals(EnosysStub.RET_ERRNO_ENOSYS, run(stub, SeccompData.AUDIT_ARCH_I386, 386));
    assertEquals(
        FILTER, run(stub, SeccompData.AUDIT_ARCH_AARCH64, 9999), "other arches reach the filter");
  }

  @Test
  void generate_isEmpty_whenTheDefaultActionAlreadyReturnsEnosys_orLetsCallsThrough() {
    SeccompProfile enosys =
        SeccompProfile.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,"
                + " \"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": [{\"names\": [\"read\"],"
                + " \"action\": \"SCMP_ACT_ALLOW\"}]}",
            "enosys.json");
    SeccompProfile allow =
        SeccompProfile.parse(
            "{\"defaultAction\": \"SCMP_ACT_LOG\","
                + " \"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": [{\"names\": [\"read\"],"
                + " \"action\": \"SCMP_ACT_ERRNO\"}]}",
            "log.json");

    for (SeccompProfile p : List.of(enosys, allow)) {
      RuncConfig c = RuncConfig.of(p, CellRestrictions.DOCKER_DEFAULT_CAPS, "amd64", null);
      assertTrue(EnosysStub.generate(c, BundledSyscallTable.get(), "SCMP_ARCH_X86_64").isEmpty());
    }
  }

  @Test
  void lastSyscalls_countsEveryNamedSyscall_onEachArchitectureOfTheFilter() throws Exception {
    SeccompProfile p = SeccompProfile.read(Historical.profile("docker-19.03.0.json"));
    RuncConfig c = RuncConfig.of(p, CellRestrictions.DOCKER_DEFAULT_CAPS, "amd64", "6.1");

    assertEquals(
        Map.of(
            SeccompData.AUDIT_ARCH_I386,
            Map.of("SCMP_ARCH_X86", 385),
            SeccompData.AUDIT_ARCH_X86_64,
            Map.of("SCMP_ARCH_X86_64", 333, "SCMP_ARCH_X32", 0x40000000 + 547)),
        EnosysStub.lastSyscalls(c, BundledSyscallTable.get(), "SCMP_ARCH_X86_64"));
  }
}
