package io.splitcheck.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code security.capability} (struct vfs_cap_data, linux/capability.h): a little-endian
 * {@code magic_etc} (revision in the high byte, {@code VFS_CAP_FLAGS_EFFECTIVE} = 1), then
 * permitted and inheritable words, two of each from revision 2 on.
 */
public final class FileCapabilities {
  /** Capability names by bit number (linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40). */
  public static final List<String> NAMES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  private FileCapabilities() {}

  /** The permitted set, in bit order. */
  public static List<String> permitted(byte[] xattr) {
    if (xattr.length < 12) {
      throw new IllegalArgumentException(
          "Error parsing security.capability: "
              + xattr.length
              + " bytes, expected at least 12 (magic, permitted, inheritable)");
    }
    long bits = word(xattr, 4) & 0xffffffffL;
    if (xattr.length >= 20) {
      bits |= (word(xattr, 12) & 0xffffffffL) << 32;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      if ((bits & (1L << i)) != 0) {
        names.add(NAMES.get(i));
      }
    }
    return List.copyOf(names);
  }

  public static boolean effective(byte[] xattr) {
    return xattr.length >= 4 && (word(xattr, 0) & 1) != 0;
  }

  private static int word(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }
}
