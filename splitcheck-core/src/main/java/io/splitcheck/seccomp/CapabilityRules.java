package io.splitcheck.seccomp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which capability a syscall failing with EPERM/EACCES needs (capabilities(7)). */
final class CapabilityRules {

  private static final Map<String, String> BY_SYSCALL = new HashMap<>();
  private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");

  static {
    put("CAP_CHOWN", "chown", "fchown", "lchown", "fchownat", "chown32", "fchown32", "lchown32");
    put(
        "CAP_SETUID",
        "setuid",
        "setreuid",
        "setresuid",
        "setfsuid",
        "setuid32",
        "setreuid32",
        "setresuid32",
        "setfsuid32");
    put(
        "CAP_SETGID",
        "setgid",
        "setregid",
        "setresgid",
        "setfsgid",
        "setgroups",
        "setgid32",
        "setregid32",
        "setresgid32",
        "setfsgid32",
        "setgroups32");
    put("CAP_MKNOD", "mknod", "mknodat");
    put(
        "CAP_KILL",
        "kill",
        "tkill",
        "tgkill",
        "rt_sigqueueinfo",
        "rt_tgsigqueueinfo",
        "pidfd_send_signal");
    put("CAP_SYS_CHROOT", "chroot");
    put(
        "CAP_DAC_OVERRIDE",
        "open",
        "openat",
        "openat2",
        "creat",
        "access",
        "faccessat",
        "faccessat2",
        "mkdir",
        "mkdirat",
        "unlink",
        "unlinkat",
        "rename",
        "renameat",
        "renameat2",
        "rmdir",
        "truncate");
    put(
        "CAP_FOWNER",
        "chmod",
        "fchmod",
        "fchmodat",
        "fchmodat2",
        "utime",
        "utimes",
        "utimensat",
        "futimesat");
    put(
        "CAP_SYS_ADMIN",
        "mount",
        "umount2",
        "umount",
        "setns",
        "unshare",
        "pivot_root",
        "sethostname",
        "setdomainname",
        "swapon",
        "swapoff",
        "quotactl",
        "fanotify_init");
    put("CAP_SYS_PTRACE", "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd");
    put(
        "CAP_SYS_NICE",
        "setpriority",
        "nice",
        "sched_setscheduler",
        "sched_setparam",
        "ioprio_set",
        "mbind",
        "set_mempolicy",
        "migrate_pages",
        "move_pages");
    put("CAP_SYS_TIME", "settimeofday", "clock_settime", "adjtimex", "clock_adjtime", "stime");
    put("CAP_SETPCAP", "capset");
    put("CAP_SYS_RESOURCE", "setrlimit", "prlimit64");
    put("CAP_SYS_BOOT", "reboot", "kexec_load", "kexec_file_load");
    put("CAP_SYS_MODULE", "init_module", "finit_module", "delete_module");
    put("CAP_SYS_PACCT", "acct");
    put("CAP_SYS_RAWIO", "iopl", "ioperm");
    put("CAP_SYSLOG", "syslog");
    put("CAP_IPC_LOCK", "mlock", "mlock2", "mlockall");
  }

  private CapabilityRules() {}

  private static void put(String cap, String... syscalls) {
    for (String s : syscalls) {
      BY_SYSCALL.put(s, cap);
    }
  }

  /**
   * The capability the call needs, judged from its name and (for bind/socket) its strace arguments.
   */
  static Optional<String> required(String syscall, String arguments, String errno) {
    if (!errno.equals("EPERM") && !errno.equals("EACCES")) {
      return Optional.empty();
    }
    if (syscall.equals("bind")) {
      Matcher m = PORT.matcher(arguments == null ? "" : arguments);
      return m.find() && Integer.parseInt(m.group(1)) < 1024
          ? Optional.of("CAP_NET_BIND_SERVICE")
          : Optional.empty();
    }
    if (syscall.equals("socket")) {
      String a = arguments == null ? "" : arguments;
      return a.contains("SOCK_RAW") || a.contains("AF_PACKET")
          ? Optional.of("CAP_NET_RAW")
          : Optional.empty();
    }
    return Optional.ofNullable(BY_SYSCALL.get(syscall));
  }
}
