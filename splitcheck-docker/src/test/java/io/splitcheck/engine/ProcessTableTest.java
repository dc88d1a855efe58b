package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture {@code /proc}: the reader itself (pid 4242 in the initial namespace) and a CI
 * container's processes in pid namespace 4026532180 (host pid 31000 is pid 7 there), laid out as
 * the kernel does.
 */
class ProcessTableTest {
  private static final String BOOT = "652bf8d8-7af4-4282-8a45-39fc1415ca1c";
  private static final long CONTAINER_NS = 4026532180L;

  @TempDir Path proc;

  private ProcessTable table;

  private void process(long hostPid, long ns, String nsPids, long start) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(hostPid)));
    Files.createDirectories(dir.resolve("ns"));
    Files.createSymbolicLink(dir.resolve("ns/pid"), Path.of("pid:[" + ns + "]"));
    // a command name with spaces and a parenthesis, as a hostile process may choose
    Files.writeString(
        dir.resolve("stat"),
        hostPid
            + " (java (x) y) S 1 1 1 0 -1 4194560 1 0 0 0 1 1 0 0 20 0 1 0 "
            + start
            + " 1000 10 18446744073709551615\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("status"), "Name:\tjava\nNSpid:\t" + nsPids + "\n", StandardCharsets.UTF_8);
  }

  @BeforeEach
  void layOut() throws Exception {
    Files.createDirectories(proc.resolve("sys/kernel/random"));
    Files.writeString(proc.resolve("sys/kernel/random/boot_id"), BOOT + "\n");
    process(4242, Owner.INITIAL_PID_NAMESPACE, "4242", 900);
    Files.createSymbolicLink(proc.resolve("self"), Path.of("4242"));
    process(30999, CONTAINER_NS, "30999\t1", 500);
    process(31000, CONTAINER_NS, "31000\t7", 700);
    table = new ProcessTable(proc);
  }

  @Test
  void self_readsBootIdNamespacePidAndStartTime_pastAParenthesisedCommandName() {
    assertEquals(
        new Owner(BOOT, Owner.INITIAL_PID_NAMESPACE, 4242, 900), table.self().orElseThrow());
  }

  @Test
  void check_alive_whenOwnerIsAProcessInAnotherPidNamespaceWithTheSameStartTime() {
    Liveness l = table.check(new Owner(BOOT, CONTAINER_NS, 7, 700));
    assertEquals(Liveness.State.ALIVE, l.state(), l.why());
    assertTrue(l.why().contains("host pid 31000"), l.why());
  }

  @Test
  void check_dead_whenThePidInTheOtherNamespaceWasReusedByALaterProcess() {
    assertEquals(Liveness.State.DEAD, table.check(new Owner(BOOT, CONTAINER_NS, 7, 650)).state());
  }

  @Test
  void check_dead_whenNoProcessIsLeftInTheOwnersNamespace_andThisProcSeesAll() {
    Liveness l = table.check(new Owner(BOOT, 4026532999L, 7, 700));
    assertEquals(Liveness.State.DEAD, l.state(), l.why());
  }

  @Test
  void check_deadOrAlive_byPidAndStartTime_inThisNamespace() throws Exception {
    process(5000, Owner.INITIAL_PID_NAMESPACE, "5000", 100);
    assertEquals(
        Liveness.State.ALIVE,
        table.check(new Owner(BOOT, Owner.INITIAL_PID_NAMESPACE, 5000, 100)).state());
    assertEquals(
        Liveness.State.DEAD,
        table.check(new Owner(BOOT, Owner.INITIAL_PID_NAMESPACE, 5000, 99)).state(),
        "the same pid started at another time is another process");
    assertEquals(
        Liveness.State.DEAD,
        table.check(new Owner(BOOT, Owner.INITIAL_PID_NAMESPACE, 5001, 99)).state());
  }

  @Test
  void
      check_dead_whenAnInitialNamespaceProcessHidesItsNamespaceLink_butNotWhenAChildNamespaceOneDoes()
          throws Exception {
    Path init = Files.createDirectories(proc.resolve("1"));
    Files.writeString(
        init.resolve("stat"), "1 (init) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 1\n");
    Files.writeString(init.resolve("status"), "Name:\tinit\nNSpid:\t1\n");
    assertEquals(
        Liveness.State.DEAD,
        table.check(new Owner(BOOT, 4026532999L, 7, 700)).state(),
        "pid 1 reads as in the initial namespace only: it cannot be the owner");
    Files.writeString(init.resolve("status"), "Name:\tinit\nNSpid:\t1\t1\n");
    assertEquals(
        Liveness.State.UNKNOWN,
        table.check(new Owner(BOOT, 4026532999L, 7, 700)).state(),
        "a hidden process in some child namespace could be the owner");
  }

  @Test
  void check_unknown_whenOwnerRanUnderAnotherKernel() {
    Liveness l = table.check(new Owner("0000-other-boot", Owner.INITIAL_PID_NAMESPACE, 99999, 1));
    assertEquals(Liveness.State.UNKNOWN, l.state());
    assertTrue(l.why().contains("another kernel"), l.why());
  }

  @Test
  void check_unknown_whenReaderIsInsideAContainerAndTheOwnersNamespaceIsNotVisible()
      throws Exception {
    Files.delete(proc.resolve("self"));
    Files.createSymbolicLink(proc.resolve("self"), Path.of("31000"));
    Liveness l = table.check(new Owner(BOOT, Owner.INITIAL_PID_NAMESPACE + 1, 12, 5));
    assertEquals(Liveness.State.UNKNOWN, l.state(), l.why());
  }

  @Test
  void ownerLabel_roundTrips_andRejectsWhatSplitcheckDidNotWrite() {
    Owner o = new Owner(BOOT, CONTAINER_NS, 7, 700);
    assertEquals(o, Owner.parse(o.label()).orElseThrow());
    assertTrue(Owner.parse("4242").isEmpty());
    assertTrue(Owner.parse("a/b/c/d").isEmpty());
    assertTrue(Owner.parse(null).isEmpty());
  }

  @Test
  void current_isThisJvm_onLinux() {
    Owner me = Owner.current().orElseThrow();
    assertEquals(ProcessHandle.current().pid(), me.pid());
    assertEquals(Liveness.State.ALIVE, ProcessTable.host().check(me).state());
  }
}
