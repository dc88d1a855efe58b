package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The program as EbpfTracer loads it, and the kernel facts it is filled with. */
class EbpfTracerTest {
  @Test
  void kernfsParentField_isDoubleUnderscoredFromLinux615_byTheRelease() {
    assertEquals("__parent", BpfProgram.kernfsParentField("6.18.44-fc-v1045"));
    assertEquals("__parent", BpfProgram.kernfsParentField("6.15.0"));
    assertEquals("__parent", BpfProgram.kernfsParentField("7.0.1-arch1"));
    assertEquals("parent", BpfProgram.kernfsParentField("6.1.0-13-amd64"));
    assertEquals("parent", BpfProgram.kernfsParentField("5.10.0-28-cloud-amd64"));
  }

  @Test
  void program_fillsEveryPlaceholder_andHasNoSysEnterProbe() throws Exception {
    String p = BpfProgram.text("cgroup == 4242", "cgroup");

    assertFalse(p.contains("{{"), p);
    assertTrue(p.contains("/args->ret < 0 && cgroup == 4242/"), p);
    assertTrue(p.contains("curtask->real_parent->tgid == " + ProcessHandle.current().pid()), p);
    assertFalse(
        p.contains("tracepoint:raw_syscalls:sys_enter"),
        "no probe on sys_enter: every call on the host would pay");
  }

  @Test
  void program_hasOneSysExitProbe_printingTheNRecordRightAfterItsE() throws Exception {
    String p = BpfProgram.text("cgroup == 4242", "cgroup");
    // each program attached to sys_exit runs on every syscall of the host
    assertEquals(1, p.split("\ntracepoint:raw_syscalls:sys_exit ", -1).length - 1, p);
    assertTrue(p.indexOf("printf(\"N\\t") > p.indexOf("printf(\"E\\t"), "N after its E");
  }

  @Test
  void program_declaresTheMarkerProbeLast_soAPrintedMarkerMeansEveryProbeIsAttached()
      throws Exception {
    String p = BpfProgram.text("cgroup == 4242", "cgroup");
    // bpftrace 0.17 attaches tracepoints in the order written, after printing "Attaching"
    int marker = p.indexOf("/curtask->real_parent->tgid == ");
    int lastProbe = p.lastIndexOf("\ntracepoint:");
    assertTrue(marker > lastProbe, "the marker's probe is the last one: " + p.substring(lastProbe));
  }
}
