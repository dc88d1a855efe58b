package io.splitcheck.k8s;

import java.util.Arrays;
import java.util.List;

/**
 * A path as the image holds it.
 *
 * @param path absolute path in the image
 * @param uid owner
 * @param gid group
 * @param mode permission bits ({@code 0755}), setuid/setgid/sticky included
 * @param directory whether it is a directory
 * @param capability the raw {@code security.capability} xattr, or null when the file has none
 */
public record ImageFile(
    String path, long uid, long gid, int mode, boolean directory, byte[] capability) {
  public ImageFile {
    capability = capability == null ? null : capability.clone();
  }

  /** {@code 0755}. */
  public String octalMode() {
    return String.format("%04o", mode);
  }

  /**
   * Whether a process with {@code uid} and groups {@code gids} may do {@code want} (2 write, 4
   * read, 1 search/exec).
   */
  public boolean permits(long processUid, List<Long> gids, int want) {
    if (processUid == 0) {
      return true;
    }
    int bits =
        processUid == uid ? (mode >> 6) & 7 : gids.contains(gid) ? (mode >> 3) & 7 : mode & 7;
    return (bits & want) == want;
  }

  /** The permitted capabilities the xattr grants, e.g. {@code [CAP_NET_RAW]}; empty without one. */
  public List<String> fileCapabilities() {
    return capability == null ? List.of() : FileCapabilities.permitted(capability);
  }

  /** Whether the xattr sets the effective bit ({@code =ep}). */
  public boolean capabilityEffective() {
    return capability != null && FileCapabilities.effective(capability);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageFile f
        && f.path.equals(path)
        && f.uid == uid
        && f.gid == gid
        && f.mode == mode
        && f.directory == directory
        && Arrays.equals(f.capability, capability);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(capability);
  }
}
