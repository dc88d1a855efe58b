package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The eBPF tracer's program, {@code bpf/failures.bt}, filled in with the facts of this kernel. */
final class BpfProgram {
  static final String PROGRAM = "/bpf/failures.bt";

  /**
   * x86_64's THREAD_SIZE without KASAN: the task's user registers sit at the top of its kernel
   * stack.
   */
  private static final int THREAD_SIZE = 16384;

  /** The program with its filter, the id each record carries and the marker's parent filled in. */
  static String text(String filter, String cellId) throws EngineException {
    try (InputStream in = BpfProgram.class.getResourceAsStream(PROGRAM)) {
      if (in == null) {
        throw new IOException("resource " + PROGRAM + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{FILTER}}", filter)
          .replace("{{CELL}}", cellId)
          .replace("{{THREAD_SIZE}}", Integer.toString(THREAD_SIZE))
          .replace("{{MARKER_PARENT}}", Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new EngineException("reading " + PROGRAM + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * kernfs_node's parent pointer: {@code __parent} on kernels since 6.15, {@code parent} before, by
   * the kernel's release ({@code 6.18.44-...}); a start that fails on the field tries the other
   * name. (Asking the BTF with {@code bpftrace -lv} cost a second bpftrace start.)
   */
  static String kernfsParentField(String release) {
    Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
    if (!m.find()) {
      return "__parent";
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 6 || major == 6 && minor >= 15 ? "__parent" : "parent";
  }

  private BpfProgram() {}
}
