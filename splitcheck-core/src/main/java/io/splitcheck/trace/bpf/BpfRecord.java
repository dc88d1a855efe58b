package io.splitcheck.trace.bpf;

/**
 * One record of the bpftrace program's output (tab-separated; see {@code bpf/failures.bt}).
 *
 * @param kind {@code E} failing call, {@code N} its second path, {@code F} fork, {@code X} exec,
 *     {@code Q} exit, {@code S} a request to load a seccomp filter
 * @param cell the id of the cell's cgroup directory
 * @param text E: the path (may be empty); N: the second path; X: the filename; else empty
 * @param argv0 X: argv[0] (may be empty); else empty
 * @param nr E: the syscall number
 * @param ret E: the negative errno
 * @param flags E: open's flags (0 for other calls)
 * @param child F: the new task's id
 * @param status Q: the wait status
 * @param pidns E: the pid namespace's inode number
 * @param comm E: the task's comm
 * @param nanos when the record was made (CLOCK_MONOTONIC, the cell field's {@code @NSECS}); -1 in
 *     output of an older program without it
 */
record BpfRecord(
    char kind,
    long cell,
    int tgid,
    int tid,
    String text,
    String argv0,
    int nr,
    int ret,
    int flags,
    int child,
    int status,
    long pidns,
    String comm,
    long nanos) {

  /**
   * The record of {@code line}, or null for lines that are not records (bpftrace's "Attaching
   * ...").
   */
  static BpfRecord parse(String line, int lineNo, String source) {
    String[] f = line.split("\t", -1);
    if (f.length < 4 || f[0].length() != 1 || "ENFXQS".indexOf(f[0].charAt(0)) < 0) {
      return null;
    }
    try {
      char kind = f[0].charAt(0);
      int at = f[1].indexOf('@');
      long cell = BpfTraceLog.cellId(f[1]);
      long nanos = at < 0 ? -1 : Long.parseLong(f[1].substring(at + 1));
      int tgid = Integer.parseInt(f[2]);
      int tid = Integer.parseInt(f[3]);
      return switch (kind) {
        case 'E' ->
            new BpfRecord(
                kind,
                cell,
                tgid,
                tid,
                field(f, 9),
                "",
                Integer.parseInt(f[4]),
                Integer.parseInt(f[5]),
                Integer.parseInt(f[8]),
                0,
                0,
                Long.parseLong(f[6]),
                f[7],
                nanos);
        case 'N' ->
            new BpfRecord(kind, cell, tgid, tid, field(f, 4), "", 0, 0, 0, 0, 0, 0, "", nanos);
        case 'F' ->
            new BpfRecord(
                kind, cell, tgid, tid, "", "", 0, 0, 0, Integer.parseInt(f[4]), 0, 0, "", nanos);
        case 'X' ->
            new BpfRecord(
                kind, cell, tgid, tid, field(f, 4), field(f, 5), 0, 0, 0, 0, 0, 0, "", nanos);
        case 'S' -> new BpfRecord(kind, cell, tgid, tid, "", "", 0, 0, 0, 0, 0, 0, "", nanos);
        default ->
            new BpfRecord(
                kind, cell, tgid, tid, "", "", 0, 0, 0, 0, Integer.parseInt(f[4]), 0, "", nanos);
      };
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "Error parsing bpftrace output '"
              + source
              + "' line "
              + lineNo
              + ": '"
              + line
              + "', expected tab-separated fields as bpf/failures.bt prints them",
          e);
    }
  }

  private static String field(String[] f, int i) {
    return i < f.length ? f[i] : "";
  }
}
