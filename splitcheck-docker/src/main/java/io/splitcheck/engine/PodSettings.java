package io.splitcheck.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Kubernetes pod (or a {@code --user}/{@code --limit}/{@code --tmpfs} option) sets beyond
 * the matrix's seccomp, capability, read-only and network switches. {@link #NONE} changes nothing.
 *
 * @param user {@code UID[:GID]} the process runs as, or null for the image's USER
 * @param nonRootFallback a UID used when the image's USER is root or not numeric (k8s-restricted's
 *     65532), or null
 * @param runAsNonRoot refuse to start when the process would run as root, as the kubelet does
 * @param groupAdd supplementary groups (fsGroup, supplementalGroups)
 * @param capAdd capabilities added ({@code NET_BIND_SERVICE})
 * @param capDrop capabilities dropped by name (ALL is {@link ContainerSecurity#dropAllCaps})
 * @param limits deliberate resource limits ({@code --limit}, resources.limits)
 * @param tmpfs extra tmpfs mounts as {@code docker run --tmpfs} makes them, path to mount options
 *     (runc gives the tmpfs the mode of the image's directory)
 * @param emptyDirs a pod's emptyDir volumes, path to tmpfs options ({@code mode=1777,size=N}): a
 *     fresh labelled tmpfs volume each, mounted without copying the image's content or mode, as the
 *     kubelet mounts an empty 0777 directory
 * @param env literal environment variables, added to the image's
 * @param workingDir replaces the image's WORKDIR, or null
 * @param command replaces the image's entrypoint (a container's {@code command}), or null
 * @param args replaces the image's cmd (a container's {@code args}), or null
 */
public record PodSettings(
    String user,
    Integer nonRootFallback,
    boolean runAsNonRoot,
    List<String> groupAdd,
    List<String> capAdd,
    List<String> capDrop,
    Limits limits,
    Map<String, String> tmpfs,
    Map<String, String> emptyDirs,
    Map<String, String> env,
    String workingDir,
    List<String> command,
    List<String> args) {
  public static final PodSettings NONE =
      new PodSettings(
          null,
          null,
          false,
          List.of(),
          List.of(),
          List.of(),
          Limits.NONE,
          Map.of(),
          Map.of(),
          Map.of(),
          null,
          null,
          null);

  public PodSettings {
    groupAdd = List.copyOf(groupAdd);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    tmpfs = new TreeMap<>(tmpfs);
    emptyDirs = new TreeMap<>(emptyDirs);
    env = new TreeMap<>(env);
    command = command == null ? null : List.copyOf(command);
    args = args == null ? null : List.copyOf(args);
  }

  /**
   * Deliberate resource limits; null fields are not set (the engine's or the matrix's defaults
   * apply).
   *
   * @param memoryBytes hard memory limit, swap included (as a pod has no swap)
   * @param pids the pids cgroup's limit
   * @param nanoCpus CPUs in billionths ({@code cpus=0.5} is 500000000)
   */
  public record Limits(Long memoryBytes, Long pids, Long nanoCpus) {
    public static final Limits NONE = new Limits(null, null, null);

    /** {@code other}'s set fields win. */
    public Limits with(Limits other) {
      return new Limits(
          other.memoryBytes != null ? other.memoryBytes : memoryBytes,
          other.pids != null ? other.pids : pids,
          other.nanoCpus != null ? other.nanoCpus : nanoCpus);
    }
  }

  public PodSettings withUser(String newUser) {
    return new PodSettings(
        newUser,
        nonRootFallback,
        runAsNonRoot,
        groupAdd,
        capAdd,
        capDrop,
        limits,
        tmpfs,
        emptyDirs,
        env,
        workingDir,
        command,
        args);
  }

  public PodSettings withLimits(Limits more) {
    return new PodSettings(
        user,
        nonRootFallback,
        runAsNonRoot,
        groupAdd,
        capAdd,
        capDrop,
        limits.with(more),
        tmpfs,
        emptyDirs,
        env,
        workingDir,
        command,
        args);
  }

  public PodSettings withTmpfs(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(tmpfs);
    all.putAll(more);
    return new PodSettings(
        user,
        nonRootFallback,
        runAsNonRoot,
        groupAdd,
        capAdd,
        capDrop,
        limits,
        all,
        emptyDirs,
        env,
        workingDir,
        command,
        args);
  }

  /**
   * The numeric uid the process runs as when {@code imageUser} is the image's USER; -1 if unknown.
   */
  public long effectiveUid(String imageUser) {
    String u = effectiveUser(imageUser);
    String uid = u.contains(":") ? u.substring(0, u.indexOf(':')) : u;
    return uid.isEmpty()
        ? 0
        : uid.matches("[0-9]+") ? Long.parseLong(uid) : uid.equals("root") ? 0 : -1;
  }

  /**
   * {@code user}, else the image's USER unless {@link #nonRootFallback} replaces a root or named
   * one.
   */
  public String effectiveUser(String imageUser) {
    if (user != null) {
      return user;
    }
    String image = imageUser == null ? "" : imageUser;
    if (nonRootFallback != null) {
      String uid = image.contains(":") ? image.substring(0, image.indexOf(':')) : image;
      if (!uid.matches("[0-9]+") || Long.parseLong(uid) == 0) {
        return String.valueOf(nonRootFallback);
      }
    }
    return image;
  }
}
