package io.splitcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

  private static Trace real(String name) throws URISyntaxException {
    return Trace.parse(
        Path.of(
            ProcessTreeTest.class.getResource("/fixtures/trace/real/" + name + ".log").toURI()));
  }

  @Test
  void decisiveChain_followsTheFailingChildThatPassedItsStatusOn_downToTheGrandchild()
      throws Exception {
    ProcessTree tree = ProcessTree.of(real("ping-capdrop"));

    assertEquals(List.of(8, 9, 10), tree.decisiveChain());
    assertEquals(OptionalInt.of(9), tree.parent(10));
  }

  @Test
  void threads_belongToTheirProcess_andAreNotItsChildren() throws Exception {
    ProcessTree tree = ProcessTree.of(real("python-capdrop"));

    assertEquals(9, tree.processOf(10));
    assertEquals(List.of(9), tree.decisiveChain());
  }

  @Test
  void at_givesTheLastExecBeforeTheLine_andAForkedChildInheritsItsParents() throws Exception {
    Trace t = real("ping-capdrop");
    ProcessTree tree = ProcessTree.of(t);
    int lastLine = t.events().get(t.events().size() - 1).line();

    assertEquals(new ProcessInfo(9, "/usr/bin/bash", "bash"), tree.at(9, lastLine));
    assertEquals(new ProcessInfo(10, "/usr/bin/bash", "bash"), tree.at(10, lastLine));
    assertEquals(new ProcessInfo(8, "/usr/bin/sh", "sh"), tree.at(8, 1));
    assertEquals(
        List.of(
            new ProcessInfo(8, "/usr/bin/sh", "sh"), new ProcessInfo(9, "/usr/bin/bash", "bash")),
        tree.ancestry(10));
  }

  @Test
  void vforkedChild_seenBeforeTheVforkResumes_isStillItsParentsChild() throws Exception {
    ProcessTree tree = ProcessTree.of(real("fallbacks-enosys-capdrop"));

    assertEquals(OptionalInt.of(13), tree.parent(15));
    assertEquals(List.of(10, 13), tree.decisiveChain());
  }
}
